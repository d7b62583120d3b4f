import { and, asc, desc, eq, inArray, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import type { ListKbArticlesQuery } from '@kefu/contracts';
import type { Executor } from '../../platform/db/client.js';
import { decodeCursor } from '../../platform/db/pagination.js';
import { users } from '../users/index.js';
import { articleVector, lexiconWords, searchTitleOf } from './kb-search-text.js';
import { kbArticles, kbArticleUses, kbArticleVersions, kbAttachments, kbCategories, kbTerms } from './kb.tables.js';

export type ArticleRow = typeof kbArticles.$inferSelect;
export type CategoryRow = typeof kbCategories.$inferSelect;
export type VersionRow = typeof kbArticleVersions.$inferSelect;
export type AttachmentRow = typeof kbAttachments.$inferSelect;

/** A text[] parameter: drizzle would spread a JS array into a list of parameters. */
export const textArray = (values: readonly string[]) => `{${values.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;

/** What customers and anonymous visitors may read. */
export const publicArticle = and(eq(kbArticles.state, 'published'), eq(kbArticles.visibility, 'public'))!;

export async function findArticle(db: Executor, id: string, lock = false): Promise<ArticleRow | undefined> {
  const q = db.select().from(kbArticles).where(eq(kbArticles.id, id)).limit(1);
  return (await (lock ? q.for('update') : q))[0];
}

export async function insertArticle(db: Executor, row: typeof kbArticles.$inferInsert) {
  return (await db.insert(kbArticles).values(row).returning())[0]!;
}

export async function updateArticleRow(db: Executor, id: string, patch: Partial<typeof kbArticles.$inferInsert>) {
  return (await db.update(kbArticles).set(patch).where(eq(kbArticles.id, id)).returning())[0]!;
}

/**
 * Recomputes the search vector from the row and its attachments' text, and adds its English words
 * to the typo-correction lexicon (only published articles feed the lexicon, so a draft's words
 * never leak into suggestions).
 */
export async function reindexArticle(db: Executor, a: ArticleRow) {
  const files = await db.select({ text: kbAttachments.extractedText, filename: kbAttachments.filename }).from(kbAttachments).where(eq(kbAttachments.articleId, a.id));
  const attachmentsText = files.map((f) => `${f.filename}\n${f.text}`).join('\n');
  await db.update(kbArticles).set({
    searchVector: sql`${articleVector({ title: a.title, tags: a.tags, bodyText: a.bodyText, attachmentsText })}`,
    searchTitle: searchTitleOf(a.title),
  }).where(eq(kbArticles.id, a.id));
  if (a.state === 'published') {
    const words = lexiconWords(`${a.title} ${a.tags.join(' ')} ${a.bodyText} ${attachmentsText}`).slice(0, 2000);
    if (words.length) await db.insert(kbTerms).values(words.map((term) => ({ term }))).onConflictDoNothing();
  }
}

export async function insertVersion(db: Executor, a: ArticleRow, author: { id: string | null; name: string | null }, note: string | null, at: Date) {
  await db.insert(kbArticleVersions).values({
    articleId: a.id, version: a.version, title: a.title, bodyHtml: a.bodyHtml, bodyText: a.bodyText, state: a.state, visibility: a.visibility,
    categoryId: a.categoryId, tags: a.tags, authorId: author.id, authorName: author.name, note, createdAt: at,
  });
}

export const listVersions = (db: Executor, articleId: string) =>
  db.select().from(kbArticleVersions).where(eq(kbArticleVersions.articleId, articleId)).orderBy(desc(kbArticleVersions.version)).limit(1000);

export async function findVersion(db: Executor, articleId: string, version: number): Promise<VersionRow | undefined> {
  return (await db.select().from(kbArticleVersions).where(and(eq(kbArticleVersions.articleId, articleId), eq(kbArticleVersions.version, version))).limit(1))[0];
}

function articleFilters(query: ListKbArticlesQuery, staff: boolean): (SQL | undefined)[] {
  const q = query.q?.replace(/\u0000/g, '').trim();
  return [
    staff ? undefined : publicArticle,
    query.categoryId ? eq(kbArticles.categoryId, query.categoryId) : undefined,
    query.state ? eq(kbArticles.state, query.state) : undefined,
    query.visibility ? eq(kbArticles.visibility, query.visibility) : undefined,
    query.locale ? eq(kbArticles.locale, query.locale) : undefined,
    query.tag ? sql`${kbArticles.tags} @> ${textArray([query.tag])}::text[]` : undefined,
    q ? sql`(${kbArticles.searchTitle} like ${`%${searchTitleOf(q).replace(/[\\%_]/g, (c) => `\\${c}`)}%`} or ${kbArticles.title} ilike ${`%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`})` : undefined,
  ];
}

/** A page of the list; `updated` is keyset on (updated_at, id), others on offset inside the cursor. */
export async function listArticles(db: Executor, query: ListKbArticlesQuery, staff: boolean) {
  const filters = articleFilters(query, staff);
  const base = db
    .select({ a: kbArticles, categoryName: kbCategories.name, authorName: users.name })
    .from(kbArticles)
    .leftJoin(kbCategories, eq(kbCategories.id, kbArticles.categoryId))
    .leftJoin(users, eq(users.id, kbArticles.authorId));
  const offset = query.cursor && query.sort !== 'updated' ? Number(Buffer.from(query.cursor, 'base64url').toString()) || 0 : 0;
  if (query.sort === 'updated') {
    let after: SQL | undefined;
    if (query.cursor) {
      const [at, id] = Buffer.from(query.cursor, 'base64url').toString().split('|');
      const ok = at && id && !Number.isNaN(Date.parse(at)) && decodeCursor(Buffer.from(id).toString('base64url'));
      if (ok) after = or(lt(kbArticles.updatedAt, new Date(at)), and(eq(kbArticles.updatedAt, new Date(at)), lt(kbArticles.id, id)));
    }
    const rows = await base.where(and(...filters, after)).orderBy(desc(kbArticles.updatedAt), desc(kbArticles.id)).limit(query.limit + 1);
    const more = rows.length > query.limit;
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return { rows: page, nextCursor: more && last ? Buffer.from(`${last.a.updatedAt.toISOString()}|${last.a.id}`).toString('base64url') : null };
  }
  const order = query.sort === 'popular' ? [desc(kbArticles.viewCount), desc(kbArticles.id)] : [asc(kbArticles.title), asc(kbArticles.id)];
  const rows = await base.where(and(...filters)).orderBy(...order).limit(query.limit + 1).offset(Math.max(0, Math.min(offset, 100_000)));
  const more = rows.length > query.limit;
  return { rows: rows.slice(0, query.limit), nextCursor: more ? Buffer.from(String(offset + query.limit)).toString('base64url') : null };
}

export const articleTitles = async (db: Executor, ids: string[]) =>
  ids.length === 0 ? [] : db.select({ id: kbArticles.id, title: kbArticles.title, state: kbArticles.state, visibility: kbArticles.visibility, locale: kbArticles.locale }).from(kbArticles).where(inArray(kbArticles.id, ids));

export const translationsOf = (db: Executor, a: ArticleRow) =>
  db.select({ id: kbArticles.id, title: kbArticles.title, locale: kbArticles.locale, state: kbArticles.state, visibility: kbArticles.visibility })
    .from(kbArticles).where(and(eq(kbArticles.translationGroupId, a.translationGroupId), ne(kbArticles.id, a.id))).orderBy(asc(kbArticles.locale));

/** Published articles sharing tags (more shared first) or else the category, for "related articles". */
export async function autoRelated(db: Executor, a: ArticleRow, staff: boolean, limit: number) {
  if (a.tags.length === 0 && !a.categoryId) return [];
  const visible = staff ? eq(kbArticles.state, 'published') : publicArticle;
  const shared = a.tags.length ? sql<number>`cardinality(array(select unnest(${kbArticles.tags}) intersect select unnest(${textArray(a.tags)}::text[])))` : sql<number>`0::int`;
  const sameCategory = a.categoryId ? eq(kbArticles.categoryId, a.categoryId) : sql`false`;
  const byTag = a.tags.length ? sql`${kbArticles.tags} && ${textArray(a.tags)}::text[]` : sql`false`;
  return db.select({ id: kbArticles.id, title: kbArticles.title })
    .from(kbArticles)
    .where(and(visible, ne(kbArticles.id, a.id), ne(kbArticles.translationGroupId, a.translationGroupId), eq(kbArticles.locale, a.locale), or(byTag, sameCategory)))
    .orderBy(desc(shared), desc(kbArticles.viewCount), desc(kbArticles.id))
    .limit(limit);
}

export const attachmentsOf = (db: Executor, articleId: string) =>
  db.select().from(kbAttachments).where(eq(kbAttachments.articleId, articleId)).orderBy(asc(kbAttachments.id));

export async function usesCount(db: Executor, articleId: string): Promise<number> {
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(kbArticleUses).where(eq(kbArticleUses.articleId, articleId));
  return Number(r?.n ?? 0);
}

export async function userName(db: Executor, id: string | null): Promise<string | null> {
  if (!id) return null;
  const [u] = await db.select({ name: users.name }).from(users).where(eq(users.id, id)).limit(1);
  return u?.name ?? null;
}

export async function findCategory(db: Executor, id: string): Promise<CategoryRow | undefined> {
  return (await db.select().from(kbCategories).where(eq(kbCategories.id, id)).limit(1))[0];
}
