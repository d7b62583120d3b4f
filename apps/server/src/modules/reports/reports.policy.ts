import { forbidden } from '../../platform/http/app-error.js';
import { atLeast, type Actor } from '../auth/index.js';

/**
 * Reports compare teams and agents with each other, so they are for those who run the desk:
 * supervisors and admins. An agent (or a token limited to agent) is refused, as is a customer.
 */
export function authorizeReports(actor: Actor) {
  if (!atLeast(actor, 'supervisor')) throw forbidden('Reports are for supervisors and admins');
}
