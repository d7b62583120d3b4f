import { and, asc, eq } from 'drizzle-orm';
import { createMessageBodySchema, type CreateMessageBody, type EmailMeta, type Message, type TimelineItem } from '@kefu/contracts';
import type { AppDeps } from '../../platform/context.js';
import type { Executor } from '../../platform/db/client.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { AppError, invalidField, notFound } from '../../platform/http/app-error.js';
import { sanitizeHtml, textOfSafeHtml } from '../../platform/http/sanitize.js';
import { uuidv7 } from '../../platform/ids.js';
import { toSearchVector } from '../../platform/search/index.js';
import { attachmentsOfMessages, linkAttachments, type AttachmentDto } from '../attachments/index.js';
import { isStaff, type RequestContext } from '../auth/index.js';
// A leaf of the mail module (its tables only): importing mail's index would be a cycle.
import { emailMetaOfMessages } from '../mail/mail-meta.js';
import { activeStaffAmong, notifyUsers } from './notifications.js';
import { runPublicReplyHooks } from './public-reply-hooks.js';
import { recordTicketEvent } from './ticket-events.js';
import { changedWhileSaving } from './tickets.policy.js';
import * as repo from './tickets.repository.js';
import { ticketEvents, ticketMessages } from './tickets.tables.js';

type MessageRow = typeof ticketMessages.$inferSelect;

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Rich text is sanitized; plain text (no tags) becomes escaped paragraphs. `empty`: nothing left to show. */
export function toSafeHtml(body: string): { html: string; text: string; empty: boolean } {
  const clean = body.replace(/\u0000/g, '');
  const html = /<[a-z!/][\s\S]*>/i.test(clean)
    ? sanitizeHtml(clean)
    : clean.split(/\r?\n\s*\r?\n/).map((p) => `<p>${escapeHtml(p).replace(/\r?\n/g, '<br>')}</p>`).join('');
  const text = textOfSafeHtml(html).trim();
  return { html, text, empty: !text && !/<img/i.test(html) };
}

export const presentMessage = (m: MessageRow, files: AttachmentDto[] = [], email: EmailMeta | null = null): Message => ({
  id: m.id,
  ticketId: m.ticketId,
  authorType: m.authorUserId ? 'staff' : 'customer',
  authorId: m.authorUserId ?? m.authorCustomerId,
  authorName: m.authorName,
  internal: m.internal,
  channel: m.channel,
  bodyHtml: m.bodyHtml,
  bodyText: m.bodyText,
  attachments: files,
  email,
  createdAt: m.createdAt.toISOString(),
});

export async function insertMessage(deps: AppDeps, tx: Executor, row: Omit<typeof ticketMessages.$inferInsert, 'id' | 'createdAt'> & { id?: string }) {
  const now = deps.clock.now();
  const [m] = await tx
    .insert(ticketMessages)
      .values({ ...row, id: row.id ?? uuidv7(now.getTime()), createdAt: now, searchVector: toSearchVector([{ text: row.bodyText, weight: 'B' }]) })
    .returning();
  return m!;
}

/**
 * The description a ticket was opened with, in the customer's name (whoever typed it in). Its
 * timeline entry is the ticket's creation event, which names the message.
 */
export async function addFirstMessage(deps: AppDeps, tx: Executor, ticket: repo.TicketRow, requesterName: string, first: { id: string; html: string; text: string }) {
  const m = await insertMessage(deps, tx, {
    id: first.id, ticketId: ticket.id, authorCustomerId: ticket.requesterId, authorName: requesterName, internal: false, channel: ticket.channel, bodyHtml: first.html, bodyText: first.text,
  });
  return m.id;
}

/**
 * A reply or note. Staff replies count as the first response; a customer's reply brings a pending
 * ticket back to open and reopens a resolved one within the reopen window. Closed tickets take no
 * more messages: the customer opens a new request.
 */
export async function addMessage(deps: AppDeps, ctx: RequestContext, ticketId: string, input: CreateMessageBody, ifMatch?: number): Promise<Message> {
  const body = createMessageBodySchema.parse(input);
  const staff = isStaff(ctx.actor);
  if (!staff && body.internal) throw new AppError('forbidden', 'Customers cannot write internal notes', { errors: [{ field: 'internal', message: 'is for staff only' }] });
  if (!staff && body.mentionIds.length) throw new AppError('forbidden', 'Customers cannot mention staff', { errors: [{ field: 'mentionIds', message: 'is for staff only' }] });
  const { html, text, empty } = toSafeHtml(body.body);
  if (empty && body.attachmentIds.length === 0) throw invalidField('body', 'is empty once unsafe markup is removed');
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const t = await repo.findVisibleTicket(tx, ctx.actor, ticketId, true);
    if (!t) throw notFound('Ticket');
    if (ifMatch !== undefined && ifMatch !== t.version) {
      throw new AppError('precondition_failed', `The ticket changed since you loaded it (now version ${t.version})`);
    }
    if (t.status === 'closed' || t.mergedIntoId) throw new AppError('conflict', 'This ticket is closed; open a new request instead');
    let status = t.status;
    const patch: repo.TicketPatch = { updatedAt: now };
    if (staff && !body.internal) {
      if (!t.firstRespondedAt) patch.firstRespondedAt = now;
      if (status === 'new') status = 'open';
    }
    if (!staff) {
      const withinWindow = t.resolvedAt && now.getTime() - t.resolvedAt.getTime() <= deps.config.reopenDays * 86_400_000;
      if (status === 'pending' || status === 'on_hold' || (status === 'resolved' && withinWindow)) status = 'open';
      else if (status === 'resolved') throw new AppError('conflict', 'This request was resolved too long ago to reopen; open a new request');
    }
    if (status !== t.status) Object.assign(patch, { status, ...(t.status === 'resolved' ? { resolvedAt: null } : {}) });
    const updated = await repo.updateTicketRow(tx, t.id, t.version, patch);
    if (!updated) throw changedWhileSaving();
    const m = await insertMessage(deps, tx, {
      ticketId: t.id,
      authorUserId: staff ? ctx.actor.userId : null,
      authorCustomerId: staff ? null : ctx.actor.customerId,
      authorName: ctx.actor.name,
      internal: body.internal,
      channel: staff ? (body.internal ? 'internal' : t.channel) : 'portal',
      bodyHtml: html,
      bodyText: text,
    });
    const files = await linkAttachments(tx, ctx, body.attachmentIds, { ticketId: t.id, messageId: m.id });
    if (staff && !body.internal) await runPublicReplyHooks(deps, tx, { ctx, ticket: updated, messageId: m.id, attachmentIds: files.map((f) => f.id), mailboxId: body.mailboxId });
    await recordTicketEvent(deps, tx, ctx, updated, 'message.added', {
      messageId: m.id, internal: body.internal, ...(files.length ? { attachmentIds: files.map((f) => f.id) } : {}), ...(status !== t.status ? { status: [t.status, status] } : {}),
    });
    const mentioned = await activeStaffAmong(tx, body.mentionIds);
    await notifyUsers(deps, tx, ctx, mentioned, 'mentioned', t.id, { number: t.number, subject: t.subject, messageId: m.id });
    if (!staff && t.assigneeId) await notifyUsers(deps, tx, ctx, [t.assigneeId], 'customer.replied', t.id, { number: t.number, subject: t.subject });
    return presentMessage(m, files, (await emailMetaOfMessages(tx, [m.id])).get(m.id) ?? null);
  });
}

/**
 * What a customer sees of a change: the opening, status moves and escalations (with the reason
 * only when they gave it themselves); null for everything else.
 */
function customerView(type: string, data: Record<string, unknown>): Record<string, unknown> | null {
  if (type === 'ticket.created') return { changes: {} };
  const changes = (data.changes as Record<string, unknown> | undefined) ?? {};
  if (type === 'ticket.updated' && 'status' in changes) return { changes: { status: changes.status } };
  if (type === 'ticket.escalated') return { level: data.level, ...(data.by === 'customer' ? { reason: data.reason, by: 'customer' } : {}) };
  return null;
}

/** Messages and changes in the order they happened; customers see public messages, status moves and escalations. */
export async function getTimeline(deps: AppDeps, ctx: RequestContext, ticketId: string): Promise<{ items: TimelineItem[] }> {
  const t = await repo.findVisibleTicket(deps.db, ctx.actor, ticketId);
  if (!t) throw notFound('Ticket');
  const staff = isStaff(ctx.actor);
  const [messages, events] = await Promise.all([
    deps.db.select().from(ticketMessages).where(and(eq(ticketMessages.ticketId, t.id), staff ? undefined : eq(ticketMessages.internal, false))).orderBy(asc(ticketMessages.id)),
    deps.db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, t.id)).orderBy(asc(ticketEvents.id)),
  ]);
  const ids = messages.map((m) => m.id);
  const [files, emails] = await Promise.all([attachmentsOfMessages(deps.db, ids), emailMetaOfMessages(deps.db, ids)]);
  const items: TimelineItem[] = [
    ...messages.map((m) => ({ kind: 'message' as const, ...presentMessage(m, files.get(m.id) ?? [], emails.get(m.id) ?? null) })),
    ...events.flatMap((e) => {
      const data = staff ? e.data : customerView(e.type, e.data);
      return data ? [{ kind: 'event' as const, id: e.id, type: e.type, actorId: staff ? e.actorId : null, actorName: e.actorName, data, createdAt: e.createdAt.toISOString() }] : [];
    }),
  ];
  // By time; at the same instant the change (e.g. "created") reads before the message it names.
  const rank = (i: TimelineItem) => [i.createdAt, i.kind === 'event' ? 0 : 1, i.id] as const;
  items.sort((a, b) => {
    const [x, y] = [rank(a), rank(b)];
    return x[0].localeCompare(y[0]) || x[1] - y[1] || x[2].localeCompare(y[2]);
  });
  return { items };
}
