import type { SplitTicketBody, Ticket } from '@kefu/contracts';
import type { AppDeps } from '../../platform/context.js';
import type { Executor } from '../../platform/db/client.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { AppError, invalidField, notFound } from '../../platform/http/app-error.js';
import { uuidv7 } from '../../platform/ids.js';
import type { RequestContext } from '../auth/index.js';
import { assertAssignable } from './assignment.js';
import { recordTicketEvent } from './ticket-events.js';
import { authorizeTicketTools } from './ticket-tools.policy.js';
import * as tools from './ticket-tools.repository.js';
import * as repo from './tickets.repository.js';
import { present } from './tickets.service.js';

const conflict = async (deps: AppDeps, tx: Executor, message: string, field: string, current?: repo.TicketRow) =>
  new AppError('conflict', message, { errors: [{ field, message }], ...(current ? { current: await present(deps, tx, current) } : {}) });

/** A write that finds the version moved on lost a race we thought the row lock prevented: 409. */
const raced = () => new AppError('conflict', 'The ticket changed while merging; reload it');

/**
 * Merges ticket `sourceId` into `intoId`: the conversation and history move to the survivor, tags
 * are united, and the source is closed pointing at it. Both rows are locked in id order, so two
 * merges touching the same tickets queue up instead of deadlocking, and the second sees the first's
 * result (a merged source) and is refused.
 */
export async function mergeTicket(deps: AppDeps, ctx: RequestContext, sourceId: string, intoId: string): Promise<Ticket> {
  authorizeTicketTools(ctx.actor);
  if (sourceId === intoId) throw invalidField('intoId', 'is this ticket itself; name the ticket to merge it into');
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const locked = new Map<string, repo.TicketRow | undefined>();
    for (const id of [sourceId, intoId].sort()) locked.set(id, await repo.findVisibleTicket(tx, ctx.actor, id, true));
    const source = locked.get(sourceId);
    const into = locked.get(intoId);
    if (!source) throw notFound('Ticket');
    if (!into) throw new AppError('not_found', 'Ticket to merge into not found', { errors: [{ field: 'intoId', message: 'names no ticket you can see' }] });
    if (source.mergedIntoId) throw await conflict(deps, tx, 'This ticket was already merged into another one', 'id', source);
    if (source.status === 'closed') throw await conflict(deps, tx, 'A closed ticket cannot be merged', 'id', source);
    if (into.mergedIntoId) throw await conflict(deps, tx, 'That ticket was itself merged; merge into the ticket it was merged into', 'intoId');
    if (into.status === 'closed') throw await conflict(deps, tx, 'A closed ticket cannot take a merge', 'intoId');
    // Moving one customer's messages into another's ticket would show them to the wrong person.
    if (into.requesterId !== source.requesterId) throw await conflict(deps, tx, 'Only tickets of the same requester can be merged', 'intoId');

    const moved = await tools.moveConversation(tx, source.id, into.id);
    const closed = await repo.updateTicketRow(tx, source.id, source.version, {
      mergedIntoId: into.id, status: 'closed', closedAt: now, resolvedAt: source.resolvedAt ?? now, updatedAt: now,
    });
    if (!closed) throw raced();
    const survivor = await repo.updateTicketRow(tx, into.id, into.version, { tags: [...new Set([...into.tags, ...source.tags])], updatedAt: now });
    if (!survivor) throw raced();
    await recordTicketEvent(deps, tx, ctx, closed, 'ticket.merged_into', { ticketId: into.id, number: into.number, status: [source.status, 'closed'] });
    await recordTicketEvent(deps, tx, ctx, survivor, 'ticket.merged', { ticketId: source.id, number: source.number, ...moved });
    return present(deps, tx, survivor);
  });
}

/**
 * Splits a public message off into a new ticket for the same requester, organization and team;
 * the message moves and both tickets name each other on their timelines. A ticket keeps at least
 * one message, and internal notes stay where they were written.
 */
export async function splitTicket(deps: AppDeps, ctx: RequestContext, id: string, body: SplitTicketBody): Promise<Ticket> {
  authorizeTicketTools(ctx.actor);
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const source = await repo.findVisibleTicket(tx, ctx.actor, id, true);
    if (!source) throw notFound('Ticket');
    if (source.mergedIntoId || source.status === 'closed') throw await conflict(deps, tx, 'A closed or merged ticket cannot be split', 'id', source);
    const message = await tools.findTicketMessage(tx, source.id, body.messageId);
    if (!message) throw invalidField('messageId', 'names no message of this ticket');
    if (message.internal) throw await conflict(deps, tx, 'An internal note cannot open a ticket; split a message the customer sent or saw', 'messageId');
    if ((await tools.countTicketMessages(tx, source.id)) < 2) throw await conflict(deps, tx, 'This is the ticket\'s only message; a ticket keeps at least one', 'messageId');

    const assigneeId = source.assigneeId && (await assertAssignable(tx, source.assigneeId, source.teamId)) ? source.assigneeId : null;
    const row = await repo.insertTicket(tx, {
      id: uuidv7(now.getTime()),
      subject: body.subject ?? source.subject,
      type: source.type,
      channel: source.channel,
      status: assigneeId ? 'open' : 'new',
      priority: source.priority,
      requesterId: source.requesterId,
      organizationId: source.organizationId,
      teamId: source.teamId,
      assigneeId,
      tags: source.tags,
      // The source's values already satisfy the type's required fields.
      customFields: source.customFields,
      complaintCategory: source.complaintCategory,
      complaintImpact: source.complaintImpact,
      createdById: ctx.actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    await tools.moveMessage(tx, message.id, row.id);
    const after = await repo.updateTicketRow(tx, source.id, source.version, { updatedAt: now });
    if (!after) throw raced();
    await recordTicketEvent(deps, tx, ctx, row, 'ticket.created', { channel: row.channel, teamId: row.teamId, assigneeId, priority: row.priority, messageId: message.id });
    await recordTicketEvent(deps, tx, ctx, row, 'ticket.split_from', { ticketId: source.id, number: source.number, messageId: message.id });
    await recordTicketEvent(deps, tx, ctx, after, 'ticket.split', { ticketId: row.id, number: row.number, messageId: message.id });
    return present(deps, tx, row);
  });
}
