import { forbidden } from '../../platform/http/app-error.js';
import { isAdmin, type Actor } from '../auth/actor.js';

export function authorizeAudit(actor: Actor, _action: 'list') {
  if (!isAdmin(actor)) throw forbidden('Only admins may read the audit log');
}
