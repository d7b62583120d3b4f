import { authorizeCrud, type Actor, type CrudAction } from '../auth/index.js';

/** Supervisors and admins keep the SLA and escalation rules (PRODUCT.md); all staff read them. */
export const authorizeSlaPolicies = (actor: Actor, action: CrudAction) =>
  authorizeCrud(actor, action, { entity: 'SlaPolicy', read: 'agent', write: 'supervisor' });
