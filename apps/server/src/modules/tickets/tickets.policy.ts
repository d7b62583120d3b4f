import { statusMoves, type TicketStatus, type UpdateTicketBody } from '@kefu/contracts';
import { AppError } from '../../platform/http/app-error.js';
import { isStaff, type Actor } from '../auth/index.js';

/** Fields a customer may set when opening a ticket, and later on their own ticket; the rest is staff work. */
const customerCreatable = new Set(['subject', 'body', 'type', 'customFields', 'complaint', 'attachmentIds']);
const customerWritable = new Set<keyof UpdateTicketBody>(['status', 'customFields']);

function refuseCustomerFields(actor: Actor, given: object, allowed: ReadonlySet<string>, verb: string) {
  if (isStaff(actor)) return;
  const refused = Object.keys(given).filter((k) => !allowed.has(k));
  if (refused.length) {
    throw new AppError('forbidden', `Customers may not ${verb} ${refused.join(', ')}`, {
      errors: refused.map((field) => ({ field, message: 'is set by the service team' })),
    });
  }
}
/** Customers answer a resolution: confirm it (close) or say it is not solved (reopen). */
const customerMoves: Partial<Record<TicketStatus, readonly TicketStatus[]>> = { resolved: ['closed', 'open'] };

/** `input` is the request as sent, so a customer naming a staff field is refused even when it is null. */
export function authorizeTicketCreate(actor: Actor, input: object) {
  if (!isStaff(actor) && !actor.customerId) throw new AppError('forbidden', 'This account cannot open tickets');
  refuseCustomerFields(actor, input, customerCreatable, 'set');
}

export function authorizeTicketUpdate(actor: Actor, body: UpdateTicketBody) {
  refuseCustomerFields(actor, body, customerWritable, 'change');
}

/** A versioned write found the ticket changed between reading it and writing it. */
export const changedWhileSaving = () => new AppError('precondition_failed', 'The ticket changed while saving; reload it');

/** The status machine, enforced: an invalid move is a 409 listing the moves allowed from here. */
export function assertStatusMove(actor: Actor, from: TicketStatus, to: TicketStatus) {
  if (from === to) return;
  const allowed = isStaff(actor) ? statusMoves[from] : (customerMoves[from] ?? []);
  if (!allowed.includes(to)) {
    throw new AppError('conflict', `A ticket cannot move from ${from} to ${to}; allowed: ${allowed.join(', ') || 'none'}`, {
      errors: [{ field: 'status', message: `allowed from ${from}: ${allowed.join(', ') || 'none'}` }],
    });
  }
}
