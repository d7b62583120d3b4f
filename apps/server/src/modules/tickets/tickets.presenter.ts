import type { Complaint, Ticket, TicketRating } from '@kefu/contracts';
import { presentTicketSla, type SlaView } from './ticket-sla.js';
import type { TicketRow } from './tickets.repository.js';

const iso = (d: Date | null) => d?.toISOString() ?? null;

function presentComplaint(t: TicketRow): Complaint | null {
  if (t.type !== 'complaint') return null;
  return {
    category: (t.complaintCategory ?? 'other') as Complaint['category'],
    impact: (t.complaintImpact ?? 'normal') as Complaint['impact'],
    rootCause: t.rootCause,
    remedies: t.remedies as Complaint['remedies'],
    remedyNote: t.remedyNote,
    confirmation: t.confirmation,
    confirmationNote: t.confirmationNote,
    confirmedAt: iso(t.confirmedAt),
    lessonArchivedAt: iso(t.lessonArchivedAt),
  };
}

export function presentTicket(t: TicketRow, requesterName: string, view: SlaView, rating: TicketRating | null): Ticket {
  return {
    id: t.id,
    number: t.number,
    subject: t.subject,
    type: t.type,
    channel: t.channel,
    status: t.status,
    priority: t.priority,
    requesterId: t.requesterId,
    requesterName,
    organizationId: t.organizationId,
    teamId: t.teamId,
    assigneeId: t.assigneeId,
    tags: t.tags,
    customFields: t.customFields,
    complaint: presentComplaint(t),
    mergedIntoId: t.mergedIntoId,
    escalationLevel: t.escalationLevel,
    sla: presentTicketSla(t, view),
    version: t.version,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
    firstRespondedAt: iso(t.firstRespondedAt),
    resolvedAt: iso(t.resolvedAt),
    closedAt: iso(t.closedAt),
    rating,
  };
}

/** The fields whose changes the timeline shows, as they are stored. */
export const trackedFields = [
  'subject', 'type', 'status', 'priority', 'teamId', 'assigneeId', 'tags', 'customFields',
  'complaintCategory', 'complaintImpact', 'rootCause', 'remedies', 'remedyNote',
] as const satisfies readonly (keyof TicketRow)[];

export function changesBetween(before: TicketRow, after: TicketRow): Record<string, [unknown, unknown]> {
  const out: Record<string, [unknown, unknown]> = {};
  for (const f of trackedFields) {
    if (JSON.stringify(before[f]) !== JSON.stringify(after[f])) out[f] = [before[f], after[f]];
  }
  return out;
}
