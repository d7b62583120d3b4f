import { and, asc, eq, lte } from 'drizzle-orm';
import type { AppDeps } from '../../platform/context.js';
import type { Executor } from '../../platform/db/client.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { AppError, notFound } from '../../platform/http/app-error.js';
import { uuidv7 } from '../../platform/ids.js';
import { isStaff, type RequestContext } from '../auth/index.js';
// A leaf of the kb module (not its index, which imports this module's index: a cycle).
import { draftArticleFromTicket } from '../kb/kb-from-ticket.js';
import { notifyUsers } from './notifications.js';
import { recordTicketEvent } from './ticket-events.js';
import { changedWhileSaving } from './tickets.policy.js';
import * as repo from './tickets.repository.js';
import { followUps, lessons, tickets } from './tickets.tables.js';
import { present } from './tickets.service.js';

type FollowUpRow = typeof followUps.$inferSelect;

export const presentFollowUp = (f: FollowUpRow, ticket?: { number: number; subject: string }) => ({
  id: f.id,
  ticketId: f.ticketId,
  ticketNumber: ticket?.number ?? null,
  ticketSubject: ticket?.subject ?? null,
  ownerId: f.ownerId,
  dueAt: f.dueAt.toISOString(),
  status: f.status,
  outcome: f.outcome,
  note: f.note,
  completedAt: f.completedAt?.toISOString() ?? null,
});

function requireStaff(ctx: RequestContext) {
  if (!isStaff(ctx.actor)) throw new AppError('forbidden', 'Complaint handling is staff work');
}

/** Resolving a complaint books the follow-up call (回访) for its owner. */
export async function scheduleFollowUp(deps: AppDeps, tx: Executor, ctx: RequestContext, ticket: repo.TicketRow) {
  const open = await tx.select({ id: followUps.id }).from(followUps).where(and(eq(followUps.ticketId, ticket.id), eq(followUps.status, 'open'))).limit(1);
  if (open.length) return;
  const now = deps.clock.now();
  const ownerId = ticket.assigneeId ?? ctx.actor.userId;
  const dueAt = new Date(now.getTime() + deps.config.followUpHours * 3_600_000);
  const id = uuidv7(now.getTime());
  await tx.insert(followUps).values({ id, ticketId: ticket.id, ownerId, dueAt, createdAt: now });
  await recordTicketEvent(deps, tx, ctx, ticket, 'follow_up.scheduled', { followUpId: id, ownerId, dueAt: dueAt.toISOString() });
  await notifyUsers(deps, tx, ctx, [ownerId], 'follow_up.scheduled', ticket.id, { number: ticket.number, dueAt: dueAt.toISOString() });
}

/** The customer's word on the remedy, or the record that they could not be reached and why. */
export async function recordConfirmation(deps: AppDeps, ctx: RequestContext, ticketId: string, outcome: 'confirmed' | 'unreachable', note: string) {
  if (outcome === 'unreachable' && !note.trim()) {
    throw new AppError('validation_failed', 'Say why the customer could not be reached', { errors: [{ field: 'note', message: 'is required when the customer was unreachable' }] });
  }
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const t = await repo.findVisibleTicket(tx, ctx.actor, ticketId, true);
    if (!t) throw notFound('Ticket');
    requireStaff(ctx);
    if (t.type !== 'complaint') throw new AppError('conflict', 'Only complaints record a customer confirmation');
    const after = await repo.updateTicketRow(tx, t.id, t.version, { confirmation: outcome, confirmationNote: note, confirmedAt: now, updatedAt: now });
    if (!after) throw changedWhileSaving();
    await recordTicketEvent(deps, tx, ctx, after, 'complaint.confirmation_recorded', { outcome, note });
    return present(deps, tx, after);
  });
}

export async function listFollowUps(deps: AppDeps, ctx: RequestContext, query: { owner: 'me' | 'all'; status: 'open' | 'done'; dueBefore?: string }) {
  requireStaff(ctx);
  const rows = await deps.db
    .select({ f: followUps, t: { number: tickets.number, subject: tickets.subject } })
    .from(followUps)
    .innerJoin(tickets, eq(tickets.id, followUps.ticketId))
    .where(and(
      repo.visibleTo(ctx.actor),
      eq(followUps.status, query.status),
      query.owner === 'me' ? eq(followUps.ownerId, ctx.actor.userId) : undefined,
      query.dueBefore ? lte(followUps.dueAt, new Date(query.dueBefore)) : undefined,
    ))
    .orderBy(asc(followUps.dueAt))
    .limit(200);
  return { items: rows.map((r) => presentFollowUp(r.f, r.t)) };
}

/**
 * The follow-up call's result. "Not satisfied" reopens the complaint for another round; the
 * other outcomes close the loop on the ticket's timeline.
 */
export async function completeFollowUp(deps: AppDeps, ctx: RequestContext, id: string, outcome: 'satisfied' | 'not_satisfied' | 'unreachable', note: string) {
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const [f] = await tx.select().from(followUps).where(eq(followUps.id, id)).for('update').limit(1);
    const t = f ? await repo.findVisibleTicket(tx, ctx.actor, f.ticketId, true) : undefined;
    if (!f || !t) throw notFound('Follow-up');
    requireStaff(ctx);
    if (f.status !== 'open') throw new AppError('conflict', 'This follow-up was already completed', { current: presentFollowUp(f, t) });
    const [done] = await tx.update(followUps).set({ status: 'done', outcome, note, completedAt: now, completedById: ctx.actor.userId }).where(eq(followUps.id, id)).returning();
    let ticket = t;
    if (outcome === 'not_satisfied' && (t.status === 'resolved' || t.status === 'closed')) {
      const reopened = await repo.updateTicketRow(tx, t.id, t.version, { status: 'open', resolvedAt: null, closedAt: null, confirmation: null, confirmedAt: null, updatedAt: now });
      if (!reopened) throw changedWhileSaving();
      ticket = reopened;
    }
    await recordTicketEvent(deps, tx, ctx, ticket, 'follow_up.completed', { followUpId: id, outcome, note, ...(ticket !== t ? { reopened: true } : {}) });
    return presentFollowUp(done!, ticket);
  });
}

/** "Archive the lesson": the case becomes a draft knowledge note (the knowledge base adopts these later). */
export async function archiveLesson(deps: AppDeps, ctx: RequestContext, ticketId: string) {
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const t = await repo.findVisibleTicket(tx, ctx.actor, ticketId, true);
    if (!t) throw notFound('Ticket');
    requireStaff(ctx);
    if (t.type !== 'complaint') throw new AppError('conflict', 'Lessons are archived from complaints');
    if (!t.rootCause.trim() || t.remedies.length === 0) {
      throw new AppError('conflict', 'Record the root cause and the remedy before archiving the lesson', {
        errors: [...(!t.rootCause.trim() ? [{ field: 'complaint.rootCause', message: 'is required' }] : []), ...(t.remedies.length ? [] : [{ field: 'complaint.remedies', message: 'is required' }])],
      });
    }
    const body = [`#${t.number} ${t.subject}`, `Category: ${t.complaintCategory}`, `Impact: ${t.complaintImpact}`, `Root cause: ${t.rootCause}`, `Remedy: ${t.remedies.join(', ')}${t.remedyNote ? ` — ${t.remedyNote}` : ''}`].join('\n');
    const lessonId = uuidv7(now.getTime());
    await tx.insert(lessons).values({ id: lessonId, ticketId: t.id, title: t.subject, body, category: t.complaintCategory, createdById: ctx.actor.userId, createdAt: now });
    const after = await repo.updateTicketRow(tx, t.id, t.version, { lessonArchivedAt: now, updatedAt: now });
    if (!after) throw changedWhileSaving();
    // The lesson also opens a knowledge-base draft (internal) that an editor can polish and publish.
    const articleId = await draftArticleFromTicket(deps, tx, ctx, after);
    await recordTicketEvent(deps, tx, ctx, after, 'complaint.lesson_archived', { lessonId, articleId });
    return { lessonId, articleId, ticket: await present(deps, tx, after) };
  });
}

