import { authorizeCrud, type Actor, type CrudAction } from '../auth/index.js';

/** Agents keep customer companies up to date as they work; removing one is an admin's call. */
export const authorizeOrganizations = (actor: Actor, action: CrudAction) =>
  authorizeCrud(actor, action, { entity: 'Organization', read: 'agent', write: 'agent', remove: 'admin' });
