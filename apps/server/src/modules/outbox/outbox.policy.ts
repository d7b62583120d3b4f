import { forbidden } from '../../platform/http/app-error.js';
import { isAdmin, type Actor } from '../auth/index.js';

/** Mail holds other people's notifications and, later, customers' replies: admins only. */
export function authorizeOutbox(actor: Actor, _action: 'list' | 'read') {
  if (!isAdmin(actor)) throw forbidden('Only admins may read the outbox');
}
