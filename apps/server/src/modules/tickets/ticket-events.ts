import type { AppDeps } from '../../platform/context.js';
import type { Executor } from '../../platform/db/client.js';
import { afterCommit } from '../../platform/db/transaction.js';
import { uuidv7 } from '../../platform/ids.js';
import { announce } from '../../platform/realtime/bus.js';
import type { RequestContext } from '../auth/index.js';
import { followSla } from './ticket-sla.js';
import { ticketEvents } from './tickets.tables.js';

export const TICKETS_CHANNEL = 'kefu_tickets';

/** What every instance hears when a ticket changes (only after the change commits). */
export interface TicketChanged {
  ticketId: string;
  number: number;
  version: number;
  type: string;
  actorId: string | null;
  /** Who may hear it: sockets are filtered by these without a database round trip. */
  teamId: string | null;
  assigneeId: string | null;
  requesterId: string;
}

type Announced = { id: string; number: number; version: number; teamId: string | null; assigneeId: string | null; requesterId: string };

/**
 * Appends to the ticket's timeline in the caller's transaction, moves its SLA clocks in the same
 * transaction, and announces the change to every instance once that transaction has committed.
 */
export async function recordTicketEvent(
  deps: AppDeps,
  tx: Executor,
  ctx: RequestContext | null,
  ticket: Announced,
  type: string,
  data: Record<string, unknown> = {},
) {
  const now = deps.clock.now();
  await tx.insert(ticketEvents).values({
    id: uuidv7(now.getTime()),
    ticketId: ticket.id,
    actorId: ctx?.actor.userId ?? null,
    actorName: ctx?.actor.name ?? 'Kefu',
    type,
    data,
    createdAt: now,
  });
  // The caller's copy of the row is what it presents next: keep its clocks as stored.
  const sla = await followSla(deps, tx, ticket, type, data);
  if (sla && 'sla' in ticket) Object.assign(ticket, sla);
  afterCommit(tx, () => announceChange(deps, ticket, type, ctx?.actor.userId ?? null));
}

/** Tells every instance a ticket changed (called once the change has committed). */
export function announceChange(deps: AppDeps, ticket: Announced, type: string, actorId: string | null) {
  const message: TicketChanged = {
    ticketId: ticket.id, number: ticket.number, version: ticket.version, type, actorId,
    teamId: ticket.teamId, assigneeId: ticket.assigneeId, requesterId: ticket.requesterId,
  };
  announce(deps.db, TICKETS_CHANNEL, message);
}
