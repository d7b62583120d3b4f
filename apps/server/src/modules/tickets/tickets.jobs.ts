import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { AppDeps } from '../../platform/context.js';
import type { Executor } from '../../platform/db/client.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { recordTicketEvent } from './ticket-events.js';
import * as repo from './tickets.repository.js';
import { tickets } from './tickets.tables.js';

export const CLOSE_TICKET = 'close-ticket';
const closePayload = z.object({ ticketId: z.uuid(), resolvedAt: z.iso.datetime({ offset: true }) });

/**
 * Resolved tickets close by themselves after the configured days. The job carries the resolution
 * it was booked for: if the ticket was reopened (or resolved again) since, the job does nothing,
 * so a stale job never closes a live case. Complaints wait for the customer's confirmation.
 */
export function defineTicketJobs(deps: AppDeps) {
  deps.jobs.defineJob(CLOSE_TICKET, closePayload, async ({ ticketId, resolvedAt }) => {
    await inTransaction(deps.db, async (tx) => {
      const [t] = await tx.select().from(tickets).where(eq(tickets.id, ticketId)).for('update').limit(1);
      if (!t || t.status !== 'resolved' || t.resolvedAt?.toISOString() !== new Date(resolvedAt).toISOString()) return;
      if (t.type === 'complaint' && (!t.confirmation || t.remedies.length === 0)) return;
      const now = deps.clock.now();
      const closed = await repo.updateTicketRow(tx, t.id, t.version, { status: 'closed', closedAt: now, updatedAt: now });
      if (closed) await recordTicketEvent(deps, tx, null, closed, 'ticket.auto_closed', { changes: { status: ['resolved', 'closed'] } });
    });
  });
}

/** Books the automatic close of a ticket just resolved, in the resolving transaction. */
export async function scheduleAutoClose(deps: AppDeps, tx: Executor, ticket: repo.TicketRow) {
  if (!ticket.resolvedAt) return;
  await deps.jobs.send(CLOSE_TICKET, { ticketId: ticket.id, resolvedAt: ticket.resolvedAt.toISOString() }, {
    startAfter: new Date(ticket.resolvedAt.getTime() + deps.config.autoCloseDays * 86_400_000),
    tx,
  });
}
