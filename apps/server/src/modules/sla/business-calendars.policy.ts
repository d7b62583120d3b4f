import { authorizeCrud, type Actor, type CrudAction } from '../auth/index.js';

/** Admins keep the calendars; all staff read them and run what-if computations (SLA work needs them). */
export const authorizeBusinessCalendars = (actor: Actor, action: CrudAction) =>
  authorizeCrud(actor, action, { entity: 'BusinessCalendar', read: 'agent', write: 'admin' });
