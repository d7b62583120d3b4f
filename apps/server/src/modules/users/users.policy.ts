import { authorizeCrud, type CrudAction } from '../auth/index.js';
import type { Actor } from '../auth/index.js';

/** Staff see the staff directory (they hand work to each other); only admins change it. */
export const authorizeUsers = (actor: Actor, action: Exclude<CrudAction, 'delete'>) =>
  authorizeCrud(actor, action, { entity: 'User', read: 'agent', write: 'admin' });
