import { statusMoves, type TicketStatus, type UpdateTicketBody } from '@kefu/contracts';
import { AppError } from '../../platform/http/app-error.js';
import { isStaff, type Actor } from '../auth/index.js';

/** Fields a customer may set on their own ticket; everything else is staff work. */
const customerWritable = new Set<keyof UpdateTicketBody>(['status', 'customFields']);
/** Customers answer a resolution: confirm it (close) or say it is not solved (reopen). */
const customerMoves: Partial<Record<TicketStatus, readonly TicketStatus[]>> = { resolved: ['closed', 'open'] };

export function authorizeTicketCreate(actor: Actor) {
  if (!isStaff(actor) && !actor.customerId) throw new AppError('forbidden', 'This account cannot open tickets');
}

export function authorizeTicketUpdate(actor: Actor, body: UpdateTicketBody) {
  if (isStaff(actor)) return;
  const refused = Object.keys(body).filter((k) => !customerWritable.has(k as keyof UpdateTicketBody));
  if (refused.length) {
    throw new AppError('forbidden', `Customers may not change ${refused.join(', ')}`, {
      errors: refused.map((field) => ({ field, message: 'is set by the service team' })),
    });
  }
}

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
