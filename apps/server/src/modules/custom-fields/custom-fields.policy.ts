import { authorizeCrud, isStaff, type Actor, type CrudAction } from '../auth/index.js';
import type { CustomFieldRow } from './custom-fields.repository.js';

/** Admins manage the forms; staff read them all; customers read them to fill in the portal form. */
export const authorizeCustomFields = (actor: Actor, action: CrudAction) =>
  authorizeCrud(actor, action, { entity: 'CustomField', read: 'customer', write: 'admin' });

/** A customer sees only the active fields shown in the portal; anything else does not exist for them. */
export const canSeeField = (actor: Actor, row: Pick<CustomFieldRow, 'visibleToCustomer' | 'active'>) =>
  isStaff(actor) || (row.visibleToCustomer && row.active);
