import { ticketLimits, type BulkUpdateResult, type BulkUpdateTicketsBody, type UpdateTicketBody } from '@kefu/contracts';
import type { AppDeps } from '../../platform/context.js';
import { AppError, invalidField, notFound } from '../../platform/http/app-error.js';
import type { RequestContext } from '../auth/index.js';
import { authorizeTicketTools } from './ticket-tools.policy.js';
import * as repo from './tickets.repository.js';
import { updateTicket } from './tickets.service.js';

type Changes = BulkUpdateTicketsBody['changes'];

/**
 * One ticket of a batch, through the same use case as PATCH. It is written against the version
 * just read (If-Match), so added or removed tags never overwrite a change made in between: such a
 * ticket fails with 412 and the client may retry it.
 */
async function applyChanges(deps: AppDeps, ctx: RequestContext, id: string, changes: Changes) {
  const { addTags, removeTags, ...fields } = changes;
  const current = await repo.findVisibleTicket(deps.db, ctx.actor, id);
  if (!current) throw notFound('Ticket');
  const patch: UpdateTicketBody = { ...fields };
  if (addTags || removeTags) {
    const removed = new Set(removeTags ?? []);
    const tags = [...new Set([...current.tags, ...(addTags ?? [])])].filter((t) => !removed.has(t));
    if (tags.length > ticketLimits.tags) throw invalidField('changes.addTags', `would give the ticket more than ${ticketLimits.tags} tags`);
    patch.tags = tags;
  }
  await updateTicket(deps, ctx, id, patch, current.version);
}

/**
 * Applies the same changes to many tickets, each in its own transaction, so one ticket that
 * refuses (an invalid status move, a stale version, one the caller cannot see) leaves the others
 * done. Failures carry the error PATCH would have answered.
 */
export async function bulkUpdateTickets(deps: AppDeps, ctx: RequestContext, body: BulkUpdateTicketsBody): Promise<BulkUpdateResult> {
  authorizeTicketTools(ctx.actor);
  const result: BulkUpdateResult = { updated: [], failed: [] };
  for (const id of new Set(body.ids)) {
    try {
      await applyChanges(deps, ctx, id, body.changes);
      result.updated.push(id);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      result.failed.push({ id, code: err.code, detail: err.message });
    }
  }
  return result;
}
