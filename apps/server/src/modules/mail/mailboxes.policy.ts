import { authorizeCrud, type Actor, type CrudAction } from '../auth/index.js';

/** Mailboxes hold credentials: admins manage them; supervisors may read them (never the passwords). */
export const authorizeMailboxes = (actor: Actor, action: CrudAction | 'test') =>
  authorizeCrud(actor, action === 'test' ? 'update' : action, { entity: 'Mailbox', read: 'supervisor', write: 'admin' });
