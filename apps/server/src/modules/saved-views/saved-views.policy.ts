import type { SavedViewScope } from '@kefu/contracts';
import { forbidden, notFound } from '../../platform/http/app-error.js';
import { atLeast, isStaff, type Actor } from '../auth/index.js';

interface Owned { scope: SavedViewScope; ownerId: string }

/**
 * Staff only. Shared views are every staff member's; a personal view is its owner's alone, admins
 * included, since it is a working habit and not a record anyone else manages.
 */
export const canSeeView = (actor: Actor, row: Owned) => isStaff(actor) && (row.scope === 'shared' || row.ownerId === actor.userId);

/** Shared views shape every agent's sidebar, so only supervisors and admins change them. */
export const canChangeView = (actor: Actor, row: Owned) =>
  canSeeView(actor, row) && (row.scope === 'shared' ? atLeast(actor, 'supervisor') : row.ownerId === actor.userId);

/** Listing and any write: a customer is refused outright. */
export function authorizeViewAccess(actor: Actor) {
  if (!isStaff(actor)) throw forbidden('Saved views are for staff');
}

export function authorizeViewScope(actor: Actor, scope: SavedViewScope) {
  authorizeViewAccess(actor);
  if (scope === 'shared' && !atLeast(actor, 'supervisor')) throw forbidden('Only supervisors and admins may keep shared views');
}

/** A view the caller may not see is 404 whatever they meant to do with it. */
export function authorizeViewRecord<R extends Owned>(actor: Actor, row: R | undefined): R {
  if (!row || !canSeeView(actor, row)) throw notFound('Saved view');
  if (!canChangeView(actor, row)) throw forbidden('Only supervisors and admins may change shared views');
  return row;
}
