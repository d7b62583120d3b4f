import { authorizeCrud, type Actor, type CrudAction } from '../auth/index.js';

export const authorizeTeams = (actor: Actor, action: CrudAction) =>
  authorizeCrud(actor, action, { entity: 'Team', read: 'agent', write: 'admin' });
