/*
 * Tickets written by a channel on a customer's behalf (email), inside the channel's own
 * transaction: the channel stores its record (the mail) with the ticket or not at all. The actor
 * rules of createTicket/addMessage (who may pick a team, a customer writes only as themselves) do
 * not fit a system that has already identified the customer; the lifecycle rules are the same.
 */
import { eq } from 'drizzle-orm';
import type { AppDeps } from '../../platform/context.js';
import type { Executor } from '../../platform/db/client.js';
import { uuidv7 } from '../../platform/ids.js';
import { toSearchVector } from '../../platform/search/index.js';
import { teams } from '../teams/index.js';
import { pickAssignee } from './assignment.js';
import { notifyUsers } from './notifications.js';
import { recordTicketEvent } from './ticket-events.js';
import { addFirstMessage, insertMessage } from './ticket-messages.service.js';
import * as repo from './tickets.repository.js';
import { tickets } from './tickets.tables.js';

export interface SystemTicketInput {
  subject: string;
  channel: 'email';
  requester: { id: string; name: string; organizationId: string | null };
  teamId: string | null;
  message: { html: string; text: string };
}

/** Opens a ticket for an identified customer; the team's assignment mode picks an owner. */
export async function openTicketForCustomer(deps: AppDeps, tx: Executor, input: SystemTicketInput) {
  const now = deps.clock.now();
  let assigneeId: string | null = null;
  let teamId = input.teamId;
  if (teamId) {
    const [team] = await tx.select({ mode: teams.assignmentMode }).from(teams).where(eq(teams.id, teamId)).limit(1);
    if (!team) teamId = null;
    else if (team.mode !== 'manual') assigneeId = await pickAssignee(tx, teamId, team.mode);
  }
  const row = await repo.insertTicket(tx, {
    id: uuidv7(now.getTime()),
    subject: input.subject,
    type: 'inquiry',
    channel: input.channel,
    priority: 'normal',
    teamId,
    tags: [],
    customFields: {},
    createdById: null,
    searchVector: toSearchVector([{ text: input.subject, weight: 'A' }]),
    status: assigneeId ? 'open' : 'new',
    requesterId: input.requester.id,
    organizationId: input.requester.organizationId,
    assigneeId,
    createdAt: now,
    updatedAt: now,
  });
  const messageId = await addFirstMessage(deps, tx, row, input.requester.name, { id: uuidv7(now.getTime()), ...input.message });
  await recordTicketEvent(deps, tx, null, row, 'ticket.created', { channel: row.channel, teamId, assigneeId, priority: row.priority, messageId });
  if (assigneeId) await notifyUsers(deps, tx, null, [assigneeId], 'ticket.assigned', row.id, { number: row.number, subject: row.subject });
  return { ticket: row, messageId };
}

export interface SystemMessageInput {
  /** The customer the message is from; null with `internal` (a note about an unknown sender). */
  authorCustomerId: string | null;
  authorName: string;
  internal: boolean;
  channel: string;
  html: string;
  text: string;
}

/**
 * Adds a customer's message to a ticket locked by the caller (SELECT … FOR UPDATE), with the
 * reopen rules of addMessage; returns null when the ticket takes no more messages (closed,
 * merged, or resolved too long ago), so the channel opens a new ticket instead.
 */
export async function addCustomerMessage(deps: AppDeps, tx: Executor, ticket: repo.TicketRow, input: SystemMessageInput) {
  const now = deps.clock.now();
  if (ticket.status === 'closed' || ticket.mergedIntoId) return null;
  let status = ticket.status;
  if (!input.internal) {
    const withinWindow = ticket.resolvedAt && now.getTime() - ticket.resolvedAt.getTime() <= deps.config.reopenDays * 86_400_000;
    if (status === 'pending' || status === 'on_hold' || (status === 'resolved' && withinWindow)) status = 'open';
    else if (status === 'resolved') return null;
  }
  const patch: repo.TicketPatch = { updatedAt: now };
  if (status !== ticket.status) Object.assign(patch, { status, ...(ticket.status === 'resolved' ? { resolvedAt: null } : {}) });
  const updated = await repo.updateTicketRow(tx, ticket.id, ticket.version, patch);
  if (!updated) throw new Error('ticket changed under its row lock');
  const m = await insertMessage(deps, tx, {
    ticketId: ticket.id, authorUserId: null, authorCustomerId: input.authorCustomerId, authorName: input.authorName,
    internal: input.internal, channel: input.channel, bodyHtml: input.html, bodyText: input.text,
  });
  await recordTicketEvent(deps, tx, null, updated, 'message.added', {
    messageId: m.id, internal: input.internal, ...(status !== ticket.status ? { status: [ticket.status, status] } : {}),
  });
  if (ticket.assigneeId) {
    const kind = input.internal ? 'mentioned' : 'customer.replied';
    await notifyUsers(deps, tx, null, [ticket.assigneeId], kind, ticket.id, { number: ticket.number, subject: ticket.subject, messageId: m.id });
  }
  return { ticket: updated, messageId: m.id };
}

/** Locks a ticket by id for a channel write (no actor scope: the channel decided who may write). */
export async function lockTicket(tx: Executor, id: string) {
  return (await tx.select().from(tickets).where(eq(tickets.id, id)).limit(1).for('update'))[0];
}
