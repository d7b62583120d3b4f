import { eq, inArray } from 'drizzle-orm';
import {
  createTicketBodySchema, type CreateTicketBody, type ListTicketsQuery, type Ticket, type TicketCounts, type TicketCountsBody, type TicketPriority, type UpdateTicketBody,
} from '@kefu/contracts';
import type { AppDeps } from '../../platform/context.js';
import type { Executor } from '../../platform/db/client.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { toSearchVector } from '../../platform/search/index.js';
import { AppError, invalidField, notFound } from '../../platform/http/app-error.js';
import { uuidv7 } from '../../platform/ids.js';
import { isStaff, type RequestContext } from '../auth/index.js';
import { customers, findOrCreateCustomer } from '../customers/index.js';
import { linkAttachments } from '../attachments/index.js';
import { loadCustomFieldDefs, validateCustomFieldValues } from '../custom-fields/index.js';
import { teams } from '../teams/index.js';
import { assertAssignable, pickAssignee } from './assignment.js';
import { applyComplaintRules } from './complaint-rules.js';
import { scheduleFollowUp } from './complaints.service.js';
import { scheduleAutoClose } from './tickets.jobs.js';
import { addFirstMessage, toSafeHtml } from './ticket-messages.service.js';
import { notifyUsers, supervisorIds } from './notifications.js';
import { announceChange, recordTicketEvent } from './ticket-events.js';
import { insertTicketFast } from './ticket-fast-insert.js';
import { ratingsOf } from './ticket-rating.repository.js';
import { slaView } from './ticket-sla.js';
import { changesBetween, presentTicket } from './tickets.presenter.js';
import { assertStatusMove, authorizeTicketCreate, authorizeTicketUpdate, changedWhileSaving } from './tickets.policy.js';
import * as repo from './tickets.repository.js';
import { findJumpTarget, searchSnippets, ticketTextMatch } from './ticket-search.js';

async function requesterNames(db: Executor, ids: string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await db.select({ id: customers.id, name: customers.name }).from(customers).where(inArray(customers.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function present(deps: AppDeps, db: Executor, row: repo.TicketRow): Promise<Ticket> {
  const [names, ratings] = await Promise.all([requesterNames(db, [row.requesterId]), ratingsOf(db, [row.id])]);
  return presentTicket(row, names.get(row.requesterId) ?? '', await slaView(deps, db), ratings.get(row.id) ?? null);
}

async function resolveRequester(deps: AppDeps, tx: Executor, ctx: RequestContext, body: CreateTicketBody) {
  const byId = async (id: string) =>
    (await tx.select({ id: customers.id, organizationId: customers.organizationId, name: customers.name }).from(customers).where(eq(customers.id, id)).limit(1))[0];
  if (!isStaff(ctx.actor)) return (await byId(ctx.actor.customerId!))!;
  if (body.requesterId) {
    const c = await byId(body.requesterId);
    if (!c) throw invalidField('requesterId', 'names a customer that does not exist');
    return c;
  }
  if (body.requester) return findOrCreateCustomer(deps, tx, ctx, body.requester);
  throw invalidField('requesterId', 'is required: give requesterId or requester {name, email|phone}');
}

/** Checks the team exists and the assignee may take its work; picks one by the team's mode if asked. */
async function settleOwner(tx: Executor, teamId: string | null, assigneeId: string | null, pick: boolean): Promise<string | null> {
  if (teamId) {
    const [team] = await tx.select({ mode: teams.assignmentMode }).from(teams).where(eq(teams.id, teamId)).limit(1);
    if (!team) throw invalidField('teamId', 'names a team that does not exist');
    if (!assigneeId && pick && team.mode !== 'manual') return pickAssignee(tx, teamId, team.mode);
  }
  if (assigneeId && !(await assertAssignable(tx, assigneeId, teamId))) {
    throw invalidField('assigneeId', teamId ? "must be active staff in the ticket's team" : 'must be active staff');
  }
  return assigneeId;
}

type CreateBody = ReturnType<typeof createTicketBodySchema.parse>;

/**
 * What a new ticket is, whichever path writes it: staff choose channel, team, priority and tags;
 * a customer's ticket comes from the portal; complaint rules may force the priority.
 */
function draftTicket(ctx: RequestContext, body: CreateBody, customFields: Record<string, unknown>, now: Date) {
  const staff = isStaff(ctx.actor);
  const complaint = applyComplaintRules(body.type, body.complaint, staff ? body.priority : undefined);
  const first = body.body.trim() ? toSafeHtml(body.body) : null;
  const said = first && !first.empty ? first : null;
  // Files need a message to hang on, even when the customer wrote nothing beside them.
  const files = (body.attachmentIds?.length ?? 0) > 0;
  return {
    staff,
    complaint,
    message: said || files ? { id: uuidv7(now.getTime()), html: said?.html ?? '', text: said?.text ?? '' } : null,
    fields: {
      id: uuidv7(now.getTime()),
      subject: body.subject,
      type: body.type,
      channel: staff ? (body.channel ?? 'phone') : ('portal' as const),
      priority: complaint.priority ?? (staff ? body.priority : undefined) ?? 'normal',
      teamId: staff ? (body.teamId ?? null) : null,
      tags: staff ? [...new Set(body.tags ?? [])] : [],
      customFields,
      createdById: ctx.actor.userId,
    },
  };
}

export async function createTicket(deps: AppDeps, ctx: RequestContext, input: CreateTicketBody): Promise<Ticket> {
  authorizeTicketCreate(ctx.actor, input);
  const body = createTicketBodySchema.parse(input);
  const staff = isStaff(ctx.actor);
  const { values: customFields } = validateCustomFieldValues(await loadCustomFieldDefs(deps.db), body.type, body.customFields ?? {}, {
    mode: 'create', actor: staff ? 'staff' : 'customer',
  });
  const now = deps.clock.now();
  const draft = draftTicket(ctx, body, customFields, now);
  const fast = await tryFastCreate(deps, ctx, body, draft, now);
  if (fast) return fast;
  return inTransaction(deps.db, async (tx) => {
    const requester = await resolveRequester(deps, tx, ctx, body);
    const { fields, complaint } = draft;
    const assigneeId = await settleOwner(tx, fields.teamId, staff ? (body.assigneeId ?? null) : null, true);
    const row = await repo.insertTicket(tx, {
      ...fields,
      searchVector: toSearchVector([{ text: body.subject, weight: 'A' }]),
      status: assigneeId ? 'open' : 'new',
      requesterId: requester.id,
      organizationId: requester.organizationId,
      assigneeId,
      ...complaint.columns,
      createdAt: now,
      updatedAt: now,
    });
    const messageId = draft.message ? await addFirstMessage(deps, tx, row, requester.name, draft.message) : null;
    // The reply path's rules: only the caller's own uploads, not yet attached; else 400 and no ticket.
    const files = messageId ? await linkAttachments(tx, ctx, body.attachmentIds ?? [], { ticketId: row.id, messageId }) : [];
    await recordTicketEvent(deps, tx, ctx, row, 'ticket.created', {
      channel: row.channel, teamId: row.teamId, assigneeId, priority: row.priority, messageId, ...(files.length ? { attachmentIds: files.map((f) => f.id) } : {}),
    });
    if (assigneeId) await notifyUsers(deps, tx, ctx, [assigneeId], 'ticket.assigned', row.id, { number: row.number, subject: row.subject });
    if (complaint.escalate) {
      await notifyUsers(deps, tx, ctx, await supervisorIds(tx), 'complaint.urgent', row.id, { number: row.number, subject: row.subject, impact: row.complaintImpact });
    }
    return presentTicket(row, requester.name, await slaView(deps, tx), null);
  });
}

/**
 * The common case in one statement (see ticket-fast-insert.ts); undefined when the request needs
 * the transactional path: a new requester, a chosen assignee, automatic assignment, a complaint
 * that must alert supervisors, or files to link (their checks lock the uploads' rows).
 */
async function tryFastCreate(deps: AppDeps, ctx: RequestContext, body: CreateBody, draft: ReturnType<typeof draftTicket>, now: Date) {
  const requesterId = draft.staff ? body.requesterId : ctx.actor.customerId;
  if (!requesterId || (draft.staff && body.assigneeId) || draft.complaint.escalate || body.attachmentIds?.length) return undefined;
  // SLA policies start clocks as the ticket opens, which the transactional path does.
  const view = await slaView(deps);
  if (view.config.policies.length > 0) return undefined;
  const { fields, message } = draft;
  const cols = draft.complaint.columns as { complaintCategory?: string; complaintImpact?: string; rootCause?: string; remedies?: string[]; remedyNote?: string };
  const result = await insertTicketFast(deps.db, {
    ...fields, requesterId, now, message,
    complaint: { category: cols.complaintCategory ?? null, impact: cols.complaintImpact ?? null, rootCause: cols.rootCause, remedies: cols.remedies, remedyNote: cols.remedyNote },
    event: {
      id: uuidv7(now.getTime()), actorId: ctx.actor.userId, actorName: ctx.actor.name,
      data: { channel: fields.channel, teamId: fields.teamId, assigneeId: null, priority: fields.priority, messageId: message?.id ?? null },
    },
  });
  if (result.kind === 'no_requester') throw invalidField('requesterId', 'names a customer that does not exist');
  if (result.kind === 'no_team') throw invalidField('teamId', 'names a team that does not exist');
  if (result.kind === 'needs_assignment') return undefined;
  announceChange(deps, result.row, 'ticket.created', ctx.actor.userId);
  return presentTicket(result.row, result.requesterName, view, null);
}

export async function listTickets(deps: AppDeps, ctx: RequestContext, query: ListTicketsQuery) {
  const q = query.q?.trim();
  const jumpTo = q ? await findJumpTarget(deps.db, ctx, q) : null;
  const textMatch = q ? ticketTextMatch(ctx.actor, q) : undefined;
  const rows = await repo.listTickets(deps.db, ctx.actor, { ...query, ...(textMatch ? { textMatch } : {}) });
  const more = rows.length > query.limit;
  const page = more ? rows.slice(0, query.limit) : rows;
  const [names, ratings] = await Promise.all([requesterNames(deps.db, page.map((r) => r.requesterId)), ratingsOf(deps.db, page.map((r) => r.id))]);
  const snippets = q ? await searchSnippets(deps.db, ctx.actor, page, q) : new Map<string, string>();
  const view = await slaView(deps);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({ ...presentTicket(r, names.get(r.requesterId) ?? '', view, ratings.get(r.id) ?? null), snippet: snippets.get(r.id) ?? null })),
    nextCursor: more && last ? repo.encodeTicketCursor(query.sort, last) : null,
    jumpTo,
  };
}

/** Live counts for the queue's views; text searches are left out (they are counted when run). */
export async function countTicketViews(deps: AppDeps, ctx: RequestContext, body: TicketCountsBody): Promise<TicketCounts> {
  if (!isStaff(ctx.actor)) throw new AppError('forbidden', 'Only staff see queue counts');
  const cap = 999;
  const counts: Record<string, number | null> = {};
  for (const { key, filters } of body.views) {
    const { q, ...rest } = filters;
    counts[key] = q ? null : await repo.countTickets(deps.db, ctx.actor, rest as Parameters<typeof repo.countTickets>[2], cap);
  }
  return { counts, cap };
}

export async function getTicket(deps: AppDeps, ctx: RequestContext, id: string): Promise<Ticket> {
  const row = await repo.findVisibleTicket(deps.db, ctx.actor, id);
  if (!row) throw notFound('Ticket');
  return present(deps, deps.db, row);
}

function timestampsFor(before: repo.TicketRow, status: repo.TicketRow['status'], now: Date) {
  if (status === before.status) return {};
  if (status === 'resolved') return { resolvedAt: now };
  if (status === 'closed') return { closedAt: now };
  if (before.status === 'resolved' || before.status === 'closed') return { resolvedAt: null, closedAt: null };
  return {};
}

export async function updateTicket(deps: AppDeps, ctx: RequestContext, id: string, body: UpdateTicketBody, ifMatch?: number): Promise<Ticket> {
  authorizeTicketUpdate(ctx.actor, body);
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const before = await repo.findVisibleTicket(tx, ctx.actor, id, true);
    if (!before) throw notFound('Ticket');
    if (before.mergedIntoId) throw new AppError('conflict', 'This ticket was merged; change the ticket it was merged into', { current: await present(deps, tx, before) });
    if (ifMatch !== undefined && ifMatch !== before.version) {
      throw new AppError('precondition_failed', `The ticket changed since you loaded it (now version ${before.version})`, { current: await present(deps, tx, before) });
    }
    // Taking a ticket someone else already owns needs proof you saw that (If-Match): one of two
    // agents grabbing the same ticket at once wins, the other is told who has it.
    if (body.assigneeId && ifMatch === undefined && before.assigneeId && before.assigneeId !== body.assigneeId) {
      throw new AppError('conflict', 'The ticket is already assigned; reload and reassign explicitly', { current: await present(deps, tx, before) });
    }
    const status = body.status ?? before.status;
    assertStatusMove(ctx.actor, before.status, status);
    const teamId = body.teamId === undefined ? before.teamId : body.teamId;
    // A transfer to another department keeps one owner: the new team's choice, or none yet.
    const transfer = body.teamId !== undefined && body.teamId !== before.teamId && body.assigneeId === undefined;
    let assigneeId = body.assigneeId === undefined ? (transfer ? null : before.assigneeId) : body.assigneeId;
    if (transfer && !teamId) assigneeId = before.assigneeId;
    if (body.teamId !== undefined || body.assigneeId !== undefined) assigneeId = await settleOwner(tx, teamId, assigneeId, transfer);
    const type = body.type ?? before.type;
    const customFields = body.customFields
      ? validateCustomFieldValues(await loadCustomFieldDefs(deps.db), type, body.customFields, {
        mode: 'update', actor: isStaff(ctx.actor) ? 'staff' : 'customer', previous: before.customFields,
      }).values
      : undefined;
    const complaint = applyComplaintRules(type, { ...body.complaint }, body.priority, before);
    if (status === 'closed' && type === 'complaint') complaint.assertClosable();
    const after = await repo.updateTicketRow(tx, id, before.version, {
      ...(body.subject !== undefined ? { subject: body.subject, searchVector: toSearchVector([{ text: body.subject, weight: 'A' }]) } : {}),
      type,
      status: status === 'new' && assigneeId ? 'open' : status,
      priority: (complaint.priority ?? body.priority ?? before.priority) as TicketPriority,
      teamId,
      assigneeId,
      ...(body.tags ? { tags: [...new Set(body.tags)] } : {}),
      ...(customFields ? { customFields } : {}),
      ...complaint.columns,
      ...timestampsFor(before, status, now),
      updatedAt: now,
    });
    if (!after) throw changedWhileSaving();
    const changes = changesBetween(before, after);
    await recordTicketEvent(deps, tx, ctx, after, 'ticket.updated', { changes });
    if (after.assigneeId && after.assigneeId !== before.assigneeId) {
      await notifyUsers(deps, tx, ctx, [after.assigneeId], 'ticket.assigned', after.id, { number: after.number, subject: after.subject });
    }
    if (complaint.escalate && before.priority !== 'urgent') {
      await notifyUsers(deps, tx, ctx, await supervisorIds(tx), 'complaint.urgent', after.id, { number: after.number, subject: after.subject, impact: after.complaintImpact });
    }
    if (after.status === 'resolved' && before.status !== 'resolved') {
      await scheduleAutoClose(deps, tx, after);
      if (after.type === 'complaint') await scheduleFollowUp(deps, tx, ctx, after);
    }
    return present(deps, tx, after);
  });
}
