/*
 * Customer satisfaction (CSAT): the requester rates a resolved or closed request 1–5 with an
 * optional comment. Rating again replaces the score (as Zendesk does); sending the same rating
 * twice changes nothing. Staff read the rating on the ticket; they never give one.
 */
import { isRatable, rateTicketBodySchema, type RateTicketBody, type Ticket } from '@kefu/contracts';
import type { AppDeps } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { AppError, notFound } from '../../platform/http/app-error.js';
import { isStaff, type RequestContext } from '../auth/index.js';
import { notifyUsers } from './notifications.js';
import { recordTicketEvent } from './ticket-events.js';
import { findRating, upsertRating } from './ticket-rating.repository.js';
import { changedWhileSaving } from './tickets.policy.js';
import * as repo from './tickets.repository.js';
import { present } from './tickets.service.js';

export async function rateTicket(deps: AppDeps, ctx: RequestContext, ticketId: string, input: RateTicketBody): Promise<Ticket> {
  // A rating is the customer's own word on how they were served: staff giving one would skew it.
  if (isStaff(ctx.actor) || !ctx.actor.customerId) {
    throw new AppError('forbidden', 'Only the customer who asked for help can rate a request');
  }
  const customerId = ctx.actor.customerId;
  const body = rateTicketBodySchema.parse(input);
  // Blank is no comment; anything else is kept exactly as typed (plain text, never HTML).
  const comment = body.comment?.trim() ? body.comment : null;
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    // The row lock serializes two ratings of one ticket (two tabs), so each replaces the other whole.
    const t = await repo.findVisibleTicket(tx, ctx.actor, ticketId, true);
    if (!t) throw notFound('Ticket');
    // Colleagues of a shared organization see the request, but the rating is the requester's.
    if (t.requesterId !== customerId) throw new AppError('forbidden', 'Only the customer who opened this request can rate it');
    if (t.mergedIntoId) throw new AppError('conflict', 'This request was merged into another; rate that one instead');
    if (!isRatable(t.status)) {
      throw new AppError('conflict', `A request can be rated once it is resolved or closed; this one is ${t.status}`, {
        errors: [{ field: 'status', message: `is ${t.status}; rating needs resolved or closed` }],
      });
    }
    const before = await findRating(tx, t.id);
    if (before && before.score === body.score && before.comment === comment) return present(deps, tx, t);
    await upsertRating(tx, { ticketId: t.id, customerId, score: body.score, comment, now });
    // A new version, so every open copy of the ticket (and its ETag) learns of the rating.
    const updated = await repo.updateTicketRow(tx, t.id, t.version, { updatedAt: now });
    if (!updated) throw changedWhileSaving();
    await recordTicketEvent(deps, tx, ctx, updated, 'ticket.rated', {
      score: body.score, hasComment: comment !== null, ...(before ? { previousScore: before.score } : {}),
    });
    if (updated.assigneeId) {
      await notifyUsers(deps, tx, ctx, [updated.assigneeId], 'ticket.rated', updated.id, { number: updated.number, subject: updated.subject, score: body.score });
    }
    return present(deps, tx, updated);
  });
}
