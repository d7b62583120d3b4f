import { forbidden } from '../../platform/http/app-error.js';
import { isStaff, type Actor } from '../auth/index.js';

/**
 * Merge, split and bulk changes reshape cases and are staff work; a customer is refused before any
 * ticket is loaded. Which tickets a staff member may touch is decided by ticket visibility (404).
 */
export function authorizeTicketTools(actor: Actor) {
  if (!isStaff(actor)) throw forbidden('Merging, splitting and bulk changes are for staff');
}
