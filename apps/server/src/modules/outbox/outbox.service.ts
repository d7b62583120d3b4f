import { and, eq, ilike } from 'drizzle-orm';
import type { ListOutboxQuery, OutboxMessage, OutboxMessageSummary, Page } from '@kefu/contracts';
import type { AppDeps } from '../../platform/context.js';
import { cleanSearch, containsPattern, keyset, toPage } from '../../platform/db/pagination.js';
import { notFound } from '../../platform/http/app-error.js';
import type { RequestContext } from '../auth/index.js';
import { authorizeOutbox } from './outbox.policy.js';
import { presentMessage, presentSummary } from './outbox.presenter.js';
import { outboxMessages } from './outbox.tables.js';

/** Newest first; `to` is an exact address, `q` a piece of the subject. */
export async function listOutbox(deps: AppDeps, ctx: RequestContext, query: ListOutboxQuery): Promise<Page<OutboxMessageSummary>> {
  authorizeOutbox(ctx.actor, 'list');
  const q = cleanSearch(query.q);
  const page = keyset(outboxMessages.id, query.cursor, [
    query.to ? eq(outboxMessages.to, query.to) : undefined,
    query.kind ? eq(outboxMessages.kind, query.kind) : undefined,
    q ? ilike(outboxMessages.subject, containsPattern(q)) : undefined,
  ]);
  const rows = await deps.db
    .select({
      id: outboxMessages.id,
      kind: outboxMessages.kind,
      to: outboxMessages.to,
      from: outboxMessages.from,
      subject: outboxMessages.subject,
      createdAt: outboxMessages.createdAt,
    })
    .from(outboxMessages)
    .where(and(page.where))
    .orderBy(page.orderBy)
    .limit(query.limit + 1);
  return toPage(rows, query.limit, presentSummary);
}

export async function getOutboxMessage(deps: AppDeps, ctx: RequestContext, id: string): Promise<OutboxMessage> {
  authorizeOutbox(ctx.actor, 'read');
  const [row] = await deps.db.select().from(outboxMessages).where(eq(outboxMessages.id, id)).limit(1);
  if (!row) throw notFound('Mail');
  return presentMessage(row);
}
