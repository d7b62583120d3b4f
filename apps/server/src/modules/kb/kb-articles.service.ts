import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import {
  changeKbArticleStateBodySchema, createKbArticleBodySchema, kbArticleTransitions, linkKbTranslationBodySchema, updateKbArticleBodySchema,
  type ChangeKbArticleStateBody, type CreateKbArticleBody, type KbArticle, type KbArticleSummary, type LinkKbTranslationBody,
  type ListKbArticlesQuery, type Page, type UpdateKbArticleBody,
} from '@kefu/contracts';
import type { AppDeps } from '../../platform/context.js';
import type { Executor } from '../../platform/db/client.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { AppError, invalidField, notFound } from '../../platform/http/app-error.js';
import { uuidv7 } from '../../platform/ids.js';
import { recordAudit } from '../audit/index.js';
import type { Actor, RequestContext } from '../auth/index.js';
import { articleText, sanitizeArticleHtml } from './kb-html.js';
import { kbSearchChanged } from './kb-search-cache.js';
import { authorizeArticleRead, isKbStaff, requireKbEditor, requireKbManager, type KbViewer } from './kb.policy.js';
import { presentArticle, presentSummary } from './kb.presenter.js';
import * as repo from './kb.repository.js';
import { kbArticles, kbAttachments } from './kb.tables.js';

const entityType = 'kb_article';

export function cleanArticleHtml(html: string) {
  const bodyHtml = sanitizeArticleHtml(html);
  return { bodyHtml, bodyText: articleText(bodyHtml) };
}

const snapshot = (a: repo.ArticleRow) => ({ title: a.title, state: a.state, visibility: a.visibility, locale: a.locale, categoryId: a.categoryId, version: a.version });

async function checkCategory(db: Executor, categoryId: string | null | undefined) {
  if (categoryId && !(await repo.findCategory(db, categoryId))) throw invalidField('categoryId', 'names no category');
}

async function checkRelated(db: Executor, ids: string[] | undefined, self?: string) {
  if (!ids?.length) return;
  const unique = [...new Set(ids)];
  if (self && unique.includes(self)) throw invalidField('relatedIds', 'must not list the article itself');
  if ((await repo.articleTitles(db, unique)).length !== unique.length) throw invalidField('relatedIds', 'names an article that does not exist');
}

/** One locale per translation group: two zh-CN versions of the same article would be ambiguous. */
async function checkLocaleFree(db: Executor, groupId: string, locale: string, self?: string) {
  const taken = await db.select({ id: kbArticles.id }).from(kbArticles)
    .where(and(eq(kbArticles.translationGroupId, groupId), eq(kbArticles.locale, locale as 'en'), self ? sql`${kbArticles.id} <> ${self}` : undefined)).limit(1);
  if (taken.length) throw new AppError('conflict', 'This article already has a translation in that language', { errors: [{ field: 'locale', message: 'is already used in this translation group' }] });
}

/**
 * Sets the article's files to exactly `ids`: new ones must be the caller's own unattached uploads
 * (same answer whether someone else's or missing); files left out are removed from the article.
 */
async function setAttachments(tx: Executor, actor: Actor, articleId: string, ids: string[]) {
  const wanted = [...new Set(ids)];
  const rows = wanted.length ? await tx.select().from(kbAttachments).where(inArray(kbAttachments.id, wanted)).for('update') : [];
  const usable = rows.filter((r) => r.articleId === articleId || (r.articleId === null && r.uploadedById === actor.userId));
  if (usable.length !== wanted.length) throw invalidField('attachmentIds', 'names an upload that does not exist, is not yours or belongs to another article');
  await tx.delete(kbAttachments).where(and(eq(kbAttachments.articleId, articleId), wanted.length ? sql`${kbAttachments.id} <> all(${`{${wanted.join(',')}}`}::uuid[])` : undefined));
  if (wanted.length) await tx.update(kbAttachments).set({ articleId }).where(and(inArray(kbAttachments.id, wanted), isNull(kbAttachments.articleId)));
}

export async function getArticle(deps: AppDeps, viewer: KbViewer, id: string): Promise<KbArticle> {
  const a = authorizeArticleRead(viewer, await repo.findArticle(deps.db, id));
  return presentArticle(deps.db, viewer, a);
}

export async function listArticles(deps: AppDeps, viewer: KbViewer, query: ListKbArticlesQuery): Promise<Page<KbArticleSummary>> {
  const { rows, nextCursor } = await repo.listArticles(deps.db, query, isKbStaff(viewer));
  return { items: rows.map((r) => presentSummary(r.a, r.categoryName, r.authorName)), nextCursor };
}

/** Creates an article (a draft unless the caller publishes it later) as version 1. */
export async function createArticle(deps: AppDeps, ctx: RequestContext, input: CreateKbArticleBody, extra: { sourceTicketId?: string; tx?: Executor } = {}): Promise<repo.ArticleRow> {
  const actor = requireKbEditor(ctx.actor);
  const body = createKbArticleBodySchema.parse(input);
  const clean = cleanArticleHtml(body.bodyHtml);
  const now = deps.clock.now();
  const work = async (tx: Executor) => {
    await checkCategory(tx, body.categoryId);
    await checkRelated(tx, body.relatedIds);
    const id = uuidv7(now.getTime());
    let groupId = id;
    if (body.translationOf) {
      const other = await repo.findArticle(tx, body.translationOf);
      if (!other) throw invalidField('translationOf', 'names no article');
      groupId = other.translationGroupId;
      await checkLocaleFree(tx, groupId, body.locale);
    }
    const row = await repo.insertArticle(tx, {
      id, translationGroupId: groupId, title: body.title, ...clean, categoryId: body.categoryId, visibility: body.visibility, locale: body.locale,
      tags: [...new Set(body.tags)], relatedIds: [...new Set(body.relatedIds)], version: 1, authorId: actor.userId, sourceTicketId: extra.sourceTicketId ?? null,
      createdAt: now, updatedAt: now,
    });
    await repo.insertVersion(tx, row, { id: actor.userId, name: actor.name }, extra.sourceTicketId ? 'created from a ticket' : null, now);
    if (body.attachmentIds.length) await setAttachments(tx, actor, row.id, body.attachmentIds);
    await repo.reindexArticle(tx, row);
    await kbSearchChanged(deps, tx);
    await recordAudit(tx, ctx, { action: 'kb_article.created', entityType, entityId: row.id, after: snapshot(row) }, now);
    return row;
  };
  return extra.tx ? work(extra.tx) : inTransaction(deps.db, work);
}

export async function createArticleDto(deps: AppDeps, ctx: RequestContext, viewer: KbViewer, input: CreateKbArticleBody): Promise<KbArticle> {
  const row = await createArticle(deps, ctx, input);
  return presentArticle(deps.db, viewer, row);
}

/** Writes a new version of the article from `patch` inside the caller's transaction. */
export async function saveVersion(deps: AppDeps, tx: Executor, ctx: RequestContext, before: repo.ArticleRow, patch: Partial<typeof kbArticles.$inferInsert>, note: string | null) {
  const now = deps.clock.now();
  const row = await repo.updateArticleRow(tx, before.id, { ...patch, version: before.version + 1, authorId: ctx.actor.userId, updatedAt: now });
  await repo.insertVersion(tx, row, { id: ctx.actor.userId, name: ctx.actor.name }, note, now);
  await repo.reindexArticle(tx, row);
  await kbSearchChanged(deps, tx);
  await recordAudit(tx, ctx, { action: 'kb_article.updated', entityType, entityId: row.id, before: snapshot(before), after: snapshot(row) }, now);
  return row;
}

export async function updateArticle(deps: AppDeps, ctx: RequestContext, viewer: KbViewer, id: string, input: UpdateKbArticleBody): Promise<KbArticle> {
  const actor = requireKbEditor(ctx.actor);
  const patch = updateKbArticleBodySchema.parse(input);
  const clean: { bodyHtml?: string; bodyText?: string } = patch.bodyHtml === undefined ? {} : cleanArticleHtml(patch.bodyHtml);
  const row = await inTransaction(deps.db, async (tx) => {
    const before = await repo.findArticle(tx, id, true);
    if (!before) throw notFound('Article');
    if (patch.version !== undefined && patch.version !== before.version) {
      throw new AppError('conflict', 'The article was changed since you opened it', { current: await presentArticle(tx, viewer, before) });
    }
    await checkCategory(tx, patch.categoryId);
    await checkRelated(tx, patch.relatedIds, id);
    if (patch.locale && patch.locale !== before.locale) await checkLocaleFree(tx, before.translationGroupId, patch.locale, id);
    if (patch.attachmentIds) await setAttachments(tx, actor, id, patch.attachmentIds);
    const { version: _v, attachmentIds: _a, bodyHtml: _b, ...fields } = patch;
    if (fields.tags) fields.tags = [...new Set(fields.tags)];
    if (fields.relatedIds) fields.relatedIds = [...new Set(fields.relatedIds)];
    if (before.state === 'published' && clean.bodyText !== undefined && !clean.bodyText.trim()) throw invalidField('bodyHtml', 'a published article needs text');
    return saveVersion(deps, tx, ctx, before, { ...fields, ...clean }, null);
  });
  return presentArticle(deps.db, viewer, row);
}

export async function changeArticleState(deps: AppDeps, ctx: RequestContext, viewer: KbViewer, id: string, input: ChangeKbArticleStateBody): Promise<KbArticle> {
  requireKbEditor(ctx.actor);
  const { state } = changeKbArticleStateBodySchema.parse(input);
  const row = await inTransaction(deps.db, async (tx) => {
    const before = await repo.findArticle(tx, id, true);
    if (!before) throw notFound('Article');
    if (before.state === state) return before;
    if (!kbArticleTransitions[before.state].includes(state)) {
      throw new AppError('conflict', `An article cannot go from ${before.state} to ${state}`, { errors: [{ field: 'state', message: `allowed from ${before.state}: ${kbArticleTransitions[before.state].join(', ')}` }] });
    }
    if (state === 'published' && !before.bodyText.trim()) throw invalidField('state', 'an article without text cannot be published');
    const now = deps.clock.now();
    return saveVersion(deps, tx, ctx, before, {
      state,
      publishedAt: state === 'published' ? now : before.publishedAt,
      archivedAt: state === 'archived' ? now : null,
    }, `state: ${state}`);
  });
  return presentArticle(deps.db, viewer, row);
}

export async function deleteArticle(deps: AppDeps, ctx: RequestContext, id: string) {
  requireKbManager(ctx.actor);
  await inTransaction(deps.db, async (tx) => {
    const before = await repo.findArticle(tx, id, true);
    if (!before) throw notFound('Article');
    await tx.delete(kbArticles).where(eq(kbArticles.id, id));
    await kbSearchChanged(deps, tx);
    await recordAudit(tx, ctx, { action: 'kb_article.deleted', entityType, entityId: id, before: snapshot(before) }, deps.clock.now());
  });
}

/** Joins the article to another's translation group (or, with null, gives it a group of its own). */
export async function linkTranslation(deps: AppDeps, ctx: RequestContext, viewer: KbViewer, id: string, input: LinkKbTranslationBody): Promise<KbArticle> {
  requireKbEditor(ctx.actor);
  const { translationOf } = linkKbTranslationBodySchema.parse(input);
  const row = await inTransaction(deps.db, async (tx) => {
    const a = await repo.findArticle(tx, id, true);
    if (!a) throw notFound('Article');
    // A fresh group: others may still share the old one, whose id may be this article's own.
    let group = uuidv7(deps.clock.now().getTime());
    if (translationOf) {
      if (translationOf === id) throw invalidField('translationOf', 'must be another article');
      const other = await repo.findArticle(tx, translationOf);
      if (!other) throw invalidField('translationOf', 'names no article');
      group = other.translationGroupId;
      await checkLocaleFree(tx, group, a.locale, id);
    }
    return repo.updateArticleRow(tx, id, { translationGroupId: group });
  });
  return presentArticle(deps.db, viewer, row);
}
