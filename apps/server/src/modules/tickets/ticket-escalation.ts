/*
 * Escalation (升级): automatic, when an SLA step comes due (the evaluate-sla timer), or manual, when
 * a customer or an agent asks (POST /tickets/:id/escalate). Both raise the ticket's level, tell the
 * people the level belongs to, and put every step on the timeline.
 *
 * Levels: 1 the team's supervisors · 2 the managers (admins) · 3 top management (admins again, but
 * the level tells them it is the last stop).
 */
import { and, count, eq, gte, sql } from 'drizzle-orm';
import { escalateTicketBodySchema, maxEscalationLevel, type EscalateTicketBody, type Ticket } from '@kefu/contracts';
import type { AppDeps } from '../../platform/context.js';
import type { Executor } from '../../platform/db/client.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { AppError, notFound } from '../../platform/http/app-error.js';
import { isStaff, type RequestContext } from '../auth/index.js';
import { teamMembers } from '../teams/index.js';
import { users } from '../users/index.js';
import { notifyUsers } from './notifications.js';
import { recordTicketEvent } from './ticket-events.js';
import { present } from './tickets.service.js';
import * as repo from './tickets.repository.js';
import { ticketEvents } from './tickets.tables.js';

/** A customer may ask this many times an hour, across all their tickets. */
const CUSTOMER_ESCALATIONS_PER_HOUR = 3;

export type Audience = 'assignee' | 'supervisors' | 'managers';

/** Active supervisors of the ticket's team; every active supervisor when the team has none. */
export async function teamSupervisorIds(tx: Executor, teamId: string | null): Promise<string[]> {
  const active = and(eq(users.active, true), eq(users.role, 'supervisor'));
  if (teamId) {
    const rows = await tx.select({ id: users.id }).from(users).innerJoin(teamMembers, eq(teamMembers.userId, users.id)).where(and(active, eq(teamMembers.teamId, teamId)));
    if (rows.length) return rows.map((r) => r.id);
  }
  return (await tx.select({ id: users.id }).from(users).where(active)).map((r) => r.id);
}

const managerIds = async (tx: Executor) =>
  (await tx.select({ id: users.id }).from(users).where(and(eq(users.active, true), eq(users.role, 'admin')))).map((r) => r.id);

export async function audienceIds(tx: Executor, row: repo.TicketRow, audiences: readonly Audience[]): Promise<string[]> {
  const ids: string[] = [];
  if (audiences.includes('assignee') && row.assigneeId) ids.push(row.assigneeId);
  if (audiences.includes('supervisors')) ids.push(...(await teamSupervisorIds(tx, row.teamId)));
  if (audiences.includes('managers')) ids.push(...(await managerIds(tx)));
  return [...new Set(ids)];
}

/** Who hears of a ticket reaching `level`. */
export const levelAudience = (level: number): Audience[] => (level <= 1 ? ['assignee', 'supervisors'] : ['assignee', 'supervisors', 'managers']);

/** Raises the level on the row (a real change: new version) and tells the level's audience. */
export async function raiseLevel(
  deps: AppDeps, tx: Executor, ctx: RequestContext | null, row: repo.TicketRow, level: number, data: Record<string, unknown>,
): Promise<repo.TicketRow> {
  const now = deps.clock.now();
  const after = await repo.updateTicketRow(tx, row.id, row.version, { escalationLevel: level, updatedAt: now });
  if (!after) throw new AppError('precondition_failed', 'The ticket changed while escalating; reload it');
  await recordTicketEvent(deps, tx, ctx, after, 'ticket.escalated', { level: [row.escalationLevel, level], ...data });
  await notifyUsers(deps, tx, ctx, await audienceIds(tx, after, levelAudience(level)), 'escalation', after.id, {
    number: after.number, subject: after.subject, level, ...(typeof data.reason === 'string' ? { reason: data.reason } : {}),
  });
  return after;
}

/**
 * Manual escalation. A customer may escalate their own open ticket once per level, a few times an
 * hour at most; staff may escalate any ticket they can see, up to the top level.
 */
export async function escalateTicket(deps: AppDeps, ctx: RequestContext, id: string, input: EscalateTicketBody): Promise<Ticket> {
  const { reason } = escalateTicketBodySchema.parse(input);
  const staff = isStaff(ctx.actor);
  return inTransaction(deps.db, async (tx) => {
    const row = await repo.findVisibleTicket(tx, ctx.actor, id, true);
    if (!row) throw notFound('Ticket');
    if (row.status === 'closed' || row.mergedIntoId) throw new AppError('conflict', 'A closed ticket cannot be escalated', { errors: [{ field: 'status', message: 'is closed' }] });
    if (row.escalationLevel >= maxEscalationLevel) {
      throw new AppError('conflict', `The ticket is already at the highest escalation level (${maxEscalationLevel})`, { errors: [{ field: 'escalationLevel', message: 'is at the top' }] });
    }
    if (!staff) await assertCustomerMayEscalate(deps, tx, ctx, row);
    const after = await raiseLevel(deps, tx, ctx, row, row.escalationLevel + 1, { reason, by: staff ? 'staff' : 'customer' });
    return present(deps, tx, after);
  });
}

async function assertCustomerMayEscalate(deps: AppDeps, tx: Executor, ctx: RequestContext, row: repo.TicketRow) {
  const mine = and(eq(ticketEvents.type, 'ticket.escalated'), sql`${ticketEvents.data}->>'by' = 'customer'`, eq(ticketEvents.actorId, ctx.actor.userId));
  const [atLevel] = await tx
    .select({ n: count() })
    .from(ticketEvents)
    .where(and(mine, eq(ticketEvents.ticketId, row.id), sql`(${ticketEvents.data}->'level'->>1)::int >= ${row.escalationLevel}`));
  if ((atLevel?.n ?? 0) > 0) {
    throw new AppError('conflict', 'You have already escalated this ticket; a supervisor is looking at it', { errors: [{ field: 'escalationLevel', message: 'already escalated by you at this level' }] });
  }
  const since = new Date(deps.clock.now().getTime() - 3_600_000);
  const [recent] = await tx.select({ n: count() }).from(ticketEvents).where(and(mine, gte(ticketEvents.createdAt, since)));
  if ((recent?.n ?? 0) >= CUSTOMER_ESCALATIONS_PER_HOUR) {
    throw new AppError('too_many_requests', `At most ${CUSTOMER_ESCALATIONS_PER_HOUR} escalations an hour; please try again later`);
  }
}
