import { forbidden } from '../../platform/http/app-error.js';
import { isStaff, type Actor } from '../auth/index.js';

/** Notifications are about staff work (assignments, SLAs, escalations); customers have none to tune. */
export function authorizePreferences(actor: Actor, _action: 'read' | 'update') {
  if (!isStaff(actor)) throw forbidden('Notification preferences are for staff');
}
