import { notFound } from '../../platform/http/app-error.js';
import { authorizeCrud, type Actor, type CrudAction } from '../auth/index.js';

/** Staff keep customer records; a signed-in customer may read only their own. */
export function authorizeCustomers(actor: Actor, action: Exclude<CrudAction, 'delete'>, customerId?: string) {
  if (action === 'read' && actor.role === 'customer') {
    if (customerId && actor.customerId === customerId) return;
    throw notFound('Customer');
  }
  authorizeCrud(actor, action, { entity: 'Customer', read: 'agent', write: 'agent' });
}
