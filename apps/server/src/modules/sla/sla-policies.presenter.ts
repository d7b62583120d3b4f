import type { SlaPolicy, TicketStatus } from '@kefu/contracts';
import type { SlaPolicyRow } from './sla-policies.repository.js';

export function presentPolicy(p: SlaPolicyRow): SlaPolicy {
  return {
    id: p.id,
    name: p.name,
    description: p.description,
    active: p.active,
    position: p.position,
    conditions: p.conditions,
    targets: p.targets,
    calendarId: p.calendarId,
    pauseStatuses: p.pauseStatuses as TicketStatus[],
    escalations: p.escalations,
    version: p.version,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

/** What the audit log keeps of a policy. */
export const snapshotPolicy = (p: SlaPolicyRow) => {
  const { createdAt: _c, updatedAt: _u, ...rest } = presentPolicy(p);
  return rest;
};
