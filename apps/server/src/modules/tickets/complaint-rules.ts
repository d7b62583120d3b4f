import type { Complaint, TicketPriority, TicketType, UpdateTicketBody } from '@kefu/contracts';
import { AppError } from '../../platform/http/app-error.js';
import type { TicketRow } from './tickets.repository.js';

/** Complaints that endanger someone or involve many people go to the top and to supervisors. */
const ESCALATING_IMPACTS = new Set<Complaint['impact']>(['safety', 'group']);

type ComplaintInput = NonNullable<UpdateTicketBody['complaint']>;

/**
 * The complaint rules of the domain documents, as one decision: which complaint columns to write,
 * whether priority is forced to urgent (safety or group impact), and whether the case may close
 * (a remedy and the customer's confirmation, or an explicit "unreachable", must be on record).
 */
export function applyComplaintRules(type: TicketType, input: ComplaintInput | undefined, requested: TicketPriority | undefined, before?: TicketRow) {
  if (type !== 'complaint') {
    return { columns: {}, priority: undefined, escalate: false, assertClosable: () => undefined };
  }
  const impact = input?.impact ?? (before?.complaintImpact as Complaint['impact'] | null) ?? 'normal';
  const escalate = ESCALATING_IMPACTS.has(impact);
  const columns = {
    complaintCategory: input?.category ?? before?.complaintCategory ?? 'other',
    complaintImpact: impact,
    ...(input?.rootCause !== undefined ? { rootCause: input.rootCause } : {}),
    ...(input?.remedies !== undefined ? { remedies: [...new Set(input.remedies)] } : {}),
    ...(input?.remedyNote !== undefined ? { remedyNote: input.remedyNote } : {}),
  };
  const remedies = input?.remedies ?? before?.remedies ?? [];
  const assertClosable = () => {
    const errors = [];
    if (remedies.length === 0) errors.push({ field: 'complaint.remedies', message: 'record the remedy before closing a complaint' });
    if (!before?.confirmation) errors.push({ field: 'complaint.confirmation', message: "record the customer's confirmation, or that they were unreachable and why" });
    if (errors.length) throw new AppError('conflict', 'A complaint closes only with a remedy and the customer\'s confirmation on record', { errors });
  };
  return { columns, priority: escalate ? ('urgent' as const) : requested, escalate, assertClosable };
}
