import type { CannedResponseScope } from '@kefu/contracts';
import { forbidden, notFound } from '../../platform/http/app-error.js';
import { atLeast, isAdmin, isStaff, type Actor } from '../auth/index.js';

const entity = 'Canned response';
interface Owned { scope: CannedResponseScope; ownerId: string }

/**
 * Staff only. Shared responses are visible to every staff member; personal ones to their owner,
 * and to admins, who manage everyone's when someone leaves.
 */
export const canSee = (actor: Actor, row: Owned) =>
  isStaff(actor) && (isAdmin(actor) || row.scope === 'shared' || row.ownerId === actor.userId);

/** Shared responses speak for the whole service desk, so only supervisors and admins change them. */
export const canChange = (actor: Actor, row: Owned) =>
  canSee(actor, row) && (row.scope === 'shared' ? atLeast(actor, 'supervisor') : row.ownerId === actor.userId || isAdmin(actor));

/** Listing, and reading categories: a customer is refused outright. */
export function authorizeCannedList(actor: Actor) {
  if (!isStaff(actor)) throw forbidden('Canned responses are for staff');
}

/** Creating in a scope: any staff member keeps personal ones; shared ones need a supervisor. */
export function authorizeCannedScope(actor: Actor, scope: CannedResponseScope) {
  if (!isStaff(actor)) throw forbidden('Canned responses are for staff');
  if (scope === 'shared' && !atLeast(actor, 'supervisor')) throw forbidden('Only supervisors and admins may keep shared canned responses');
}

/** Before loading a record: a customer may not write here at all (403); reads fall through to 404. */
export function authorizeCannedWrite(actor: Actor) {
  if (!isStaff(actor)) throw forbidden('Canned responses are for staff');
}

/** A record the caller may not see is 404 whatever they meant to do with it. */
export function authorizeCannedRecord<R extends Owned>(actor: Actor, action: 'read' | 'update' | 'delete', row: R | undefined): R {
  if (!row || !canSee(actor, row)) throw notFound(entity);
  if (action !== 'read' && !canChange(actor, row)) throw forbidden('Only supervisors and admins may change shared canned responses');
  return row;
}
