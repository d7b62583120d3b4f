import { forbidden } from '../../platform/http/app-error.js';
import { isAdmin, type Actor } from '../auth/index.js';

/** Anyone may read the portal's branding (the sign-in page needs it); only admins change it. */
export function authorizePortalSettings(actor: Actor, _action: 'update') {
  if (!isAdmin(actor)) throw forbidden('Only admins may change the portal settings');
}

/** "My account" in the portal is a customer's view of their own CRM record. */
export function authorizePortalAccount(actor: Actor) {
  if (actor.role !== 'customer' || !actor.customerId) throw forbidden('Only portal customers have a portal account');
}
