import { and, desc, eq, sql } from 'drizzle-orm';
import {
  kbArticleUseBodySchema, kbDeflectBodySchema, kbVoteBodySchema,
  type KbArticleTicketList, type KbArticleUseBody, type KbDeflectBody, type KbDeflectResult, type KbFeedbackCounts, type KbVoteBody,
} from '@kefu/contracts';
import type { AppDeps } from '../../platform/context.js';
import type { Executor } from '../../platform/db/client.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { notFound } from '../../platform/http/app-error.js';
import type { RequestContext } from '../auth/index.js';
import { findVisibleTicket, tickets } from '../tickets/index.js';
import { users } from '../users/index.js';
import { authorizeArticleRead, isKbStaff, requireKbEditor, type KbViewer } from './kb.policy.js';
import * as repo from './kb.repository.js';
import { kbArticles, kbArticleUses, kbArticleViews, kbDeflections, kbVotes } from './kb.tables.js';

/** The UTC day, as analytics group by it. */
export const dayOf = (d: Date) => d.toISOString().slice(0, 10);

/** Counts a view once per visitor per day; returns the article's view count. */
export async function recordView(deps: AppDeps, viewer: KbViewer, id: string): Promise<{ viewCount: number; counted: boolean }> {
  const a = authorizeArticleRead(viewer, await repo.findArticle(deps.db, id));
  return inTransaction(deps.db, async (tx) => {
    const inserted = await tx.insert(kbArticleViews).values({ articleId: a.id, day: dayOf(deps.clock.now()), visitor: viewer.visitor }).onConflictDoNothing().returning({ v: kbArticleViews.visitor });
    if (inserted.length === 0) return { viewCount: a.viewCount, counted: false };
    const [row] = await tx.update(kbArticles).set({ viewCount: sql`${kbArticles.viewCount} + 1` }).where(eq(kbArticles.id, a.id)).returning({ n: kbArticles.viewCount });
    return { viewCount: row!.n, counted: true };
  });
}

/** One vote per visitor per article: voting again replaces it and moves the counts. */
export async function voteOnArticle(deps: AppDeps, viewer: KbViewer, id: string, input: KbVoteBody): Promise<KbFeedbackCounts> {
  const body = kbVoteBodySchema.parse(input);
  const a = authorizeArticleRead(viewer, await repo.findArticle(deps.db, id));
  const comment = body.comment?.trim() ? body.comment.trim() : null;
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    // Lock the article row: two votes of one visitor at once must not both count as new.
    await tx.select({ id: kbArticles.id }).from(kbArticles).where(eq(kbArticles.id, a.id)).for('update');
    const [before] = await tx.select().from(kbVotes).where(and(eq(kbVotes.articleId, a.id), eq(kbVotes.visitor, viewer.visitor))).limit(1);
    await tx.insert(kbVotes).values({ articleId: a.id, visitor: viewer.visitor, helpful: body.helpful, comment, userId: viewer.actor?.userId ?? null, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({ target: [kbVotes.articleId, kbVotes.visitor], set: { helpful: body.helpful, comment, updatedAt: now } });
    const delta = (helpful: boolean) => (before?.helpful === helpful ? -1 : 0) + (body.helpful === helpful ? 1 : 0);
    const [row] = await tx.update(kbArticles).set({
      helpfulCount: sql`${kbArticles.helpfulCount} + ${delta(true)}`,
      notHelpfulCount: sql`${kbArticles.notHelpfulCount} + ${delta(false)}`,
    }).where(eq(kbArticles.id, a.id)).returning();
    return { helpfulCount: row!.helpfulCount, notHelpfulCount: row!.notHelpfulCount, myVote: { helpful: body.helpful, comment } };
  });
}

/** "This solved my problem": counted once per visitor per article per day, so a replay counts nothing. */
export async function deflectWithArticle(deps: AppDeps, viewer: KbViewer, id: string, input: KbDeflectBody): Promise<KbDeflectResult> {
  const body = kbDeflectBodySchema.parse(input);
  const a = authorizeArticleRead(viewer, await repo.findArticle(deps.db, id));
  return inTransaction(deps.db, async (tx) => {
    const inserted = await tx.insert(kbDeflections).values({
      articleId: a.id, day: dayOf(deps.clock.now()), visitor: viewer.visitor, source: body.source, query: body.query?.trim().slice(0, 500) || null, createdAt: deps.clock.now(),
    }).onConflictDoNothing().returning({ v: kbDeflections.visitor });
    if (inserted.length === 0) return { deflectionCount: a.deflectionCount, counted: false };
    const [row] = await tx.update(kbArticles).set({ deflectionCount: sql`${kbArticles.deflectionCount} + 1` }).where(eq(kbArticles.id, a.id)).returning({ n: kbArticles.deflectionCount });
    return { deflectionCount: row!.n, counted: true };
  });
}

/** Records that the article answered the ticket; the caller must see both (404 otherwise). */
export async function recordArticleUse(deps: AppDeps, ctx: RequestContext, id: string, input: KbArticleUseBody): Promise<KbArticleTicketList> {
  requireKbEditor(ctx.actor);
  const body = kbArticleUseBodySchema.parse(input);
  await inTransaction(deps.db, async (tx) => {
    if (!(await repo.findArticle(tx, id))) throw notFound('Article');
    if (!(await findVisibleTicket(tx, ctx.actor, body.ticketId))) throw notFound('Ticket');
    await insertUse(tx, id, body.ticketId, body.kind, ctx.actor.userId, deps.clock.now());
  });
  return articleTickets(deps, ctx, id);
}

export const insertUse = (tx: Executor, articleId: string, ticketId: string, kind: 'link' | 'text', userId: string | null, at: Date) =>
  tx.insert(kbArticleUses).values({ articleId, ticketId, kind, usedById: userId, createdAt: at }).onConflictDoNothing();

/** The tickets this article helped answer that the caller may see, newest use first. */
export async function articleTickets(deps: AppDeps, ctx: RequestContext, id: string): Promise<KbArticleTicketList> {
  const viewer: KbViewer = { actor: ctx.actor, ctx, visitor: `u:${ctx.actor.userId}` };
  authorizeArticleRead(viewer, await repo.findArticle(deps.db, id));
  if (!isKbStaff(viewer)) throw notFound('Article');
  const rows = await deps.db
    .select({ ticketId: tickets.id, number: tickets.number, subject: tickets.subject, status: tickets.status, usedAt: kbArticleUses.createdAt, usedBy: users.name })
    .from(kbArticleUses)
    .innerJoin(tickets, eq(tickets.id, kbArticleUses.ticketId))
    .leftJoin(users, eq(users.id, kbArticleUses.usedById))
    .where(eq(kbArticleUses.articleId, id))
    .orderBy(desc(kbArticleUses.createdAt))
    .limit(200);
  const visible = await Promise.all(rows.map(async (r) => ((await findVisibleTicket(deps.db, ctx.actor, r.ticketId)) ? r : null)));
  return { items: visible.filter((r) => r !== null).map((r) => ({ ...r, usedAt: r.usedAt.toISOString() })) };
}

const ARTICLE_LINK = /\/kb\/articles\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/gi;

/** Article ids linked from a reply's HTML (portal or agent links both contain /kb/articles/<id>). */
export function linkedArticleIds(html: string): string[] {
  return [...new Set([...html.matchAll(ARTICLE_LINK)].map((m) => m[1]!.toLowerCase()))].slice(0, 20);
}

/** Staff's public replies that link an article record its use (in the reply's transaction). */
export async function recordLinkedUses(tx: Executor, ticketId: string, html: string, userId: string, at: Date) {
  const ids = linkedArticleIds(html);
  if (ids.length === 0) return;
  const found = await repo.articleTitles(tx, ids);
  for (const a of found) await insertUse(tx, a.id, ticketId, 'link', userId, at);
}
