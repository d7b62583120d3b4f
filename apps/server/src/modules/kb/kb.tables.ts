import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, index, integer, pgTable, primaryKey, text, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { at, createdAt, id, updatedAt } from '../../platform/db/columns.js';
import { tsvector } from '../../platform/search/index.js';
import { tickets } from '../tickets/tickets.tables.js';
import { users } from '../users/users.tables.js';

/** The knowledge base's category tree; siblings ordered by `position`. */
export const kbCategories = pgTable(
  'kb_categories',
  {
    id: id(),
    // Restrict: a category with children must be emptied first, so nothing vanishes by accident.
    parentId: uuid('parent_id').references((): AnyPgColumn => kbCategories.id, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    slug: text('slug'),
    description: text('description'),
    position: integer('position').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('kb_categories_slug_key').on(t.slug).where(sql`${t.slug} is not null`),
    index('kb_categories_parent_idx').on(t.parentId, t.position),
    check('kb_categories_not_own_parent', sql`${t.parentId} is null or ${t.parentId} <> ${t.id}`),
  ],
);

/** An article; its history is in kb_article_versions (`version` is the latest). */
export const kbArticles = pgTable(
  'kb_articles',
  {
    id: id(),
    categoryId: uuid('category_id').references(() => kbCategories.id, { onDelete: 'restrict' }),
    /** Articles sharing this id are one article in several languages. */
    translationGroupId: uuid('translation_group_id').notNull(),
    title: text('title').notNull(),
    /** Sanitized HTML (sanitized again when served). */
    bodyHtml: text('body_html').notNull(),
    bodyText: text('body_text').notNull(),
    state: text('state', { enum: ['draft', 'published', 'archived'] }).notNull().default('draft'),
    visibility: text('visibility', { enum: ['public', 'internal'] }).notNull().default('public'),
    locale: text('locale', { enum: ['zh-CN', 'en'] }).notNull().default('zh-CN'),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    /** Related articles chosen by an editor, in their order. */
    relatedIds: uuid('related_ids').array().notNull().default(sql`'{}'::uuid[]`),
    version: integer('version').notNull().default(1),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    sourceTicketId: uuid('source_ticket_id').references(() => tickets.id, { onDelete: 'set null' }),
    viewCount: integer('view_count').notNull().default(0),
    helpfulCount: integer('helpful_count').notNull().default(0),
    notHelpfulCount: integer('not_helpful_count').notNull().default(0),
    deflectionCount: integer('deflection_count').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    publishedAt: at('published_at'),
    archivedAt: at('archived_at'),
    /** Title (A), tags (A), body (B) and attachments' text (C), folded to 简体, segmented and stemmed. */
    searchVector: tsvector('search_vector'),
    /** The title folded to 简体 and lower case, for typo-tolerant trigram matching. */
    searchTitle: text('search_title').notNull().default(''),
  },
  (t) => [
    // fastupdate off: a pending list is scanned linearly by every search, and PGlite has no
    // autovacuum to flush it; a knowledge base is read far more than it is written.
    index('kb_articles_search_idx').using('gin', t.searchVector).with({ fastupdate: false }),
    index('kb_articles_title_trgm_idx').using('gin', sql`${t.searchTitle} gin_trgm_ops`).with({ fastupdate: false }),
    index('kb_articles_category_idx').on(t.categoryId),
    index('kb_articles_group_idx').on(t.translationGroupId),
    index('kb_articles_updated_idx').on(t.updatedAt, t.id),
    index('kb_articles_tags_idx').using('gin', t.tags),
    check('kb_articles_state_check', sql`${t.state} in ('draft','published','archived')`),
    check('kb_articles_visibility_check', sql`${t.visibility} in ('public','internal')`),
    check('kb_articles_locale_check', sql`${t.locale} in ('zh-CN','en')`),
  ],
);

/** Every save of an article, whole: the history, the diff's sides and what a restore copies. */
export const kbArticleVersions = pgTable(
  'kb_article_versions',
  {
    articleId: uuid('article_id').notNull().references(() => kbArticles.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    bodyHtml: text('body_html').notNull(),
    bodyText: text('body_text').notNull(),
    state: text('state', { enum: ['draft', 'published', 'archived'] }).notNull(),
    visibility: text('visibility', { enum: ['public', 'internal'] }).notNull(),
    categoryId: uuid('category_id'),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    /** Kept as written: the history still names an author whose account was removed. */
    authorName: text('author_name'),
    note: text('note'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.version] })],
);

/** A document attached to an article; bytes in the blob store, text extracted for search. */
export const kbAttachments = pgTable(
  'kb_attachments',
  {
    id: id(),
    /** Null until an article save attaches it; only its uploader sees it until then. */
    articleId: uuid('article_id').references(() => kbArticles.id, { onDelete: 'cascade' }),
    sha256: text('sha256').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    contentType: text('content_type').notNull(),
    filename: text('filename').notNull(),
    /** Text extracted from PDF and Office files (capped), searched with the article. */
    extractedText: text('extracted_text').notNull().default(''),
    downloadCount: integer('download_count').notNull().default(0),
    uploadedById: uuid('uploaded_by_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('kb_attachments_article_idx').on(t.articleId), check('kb_attachments_sha256_check', sql`${t.sha256} ~ '^[0-9a-f]{64}$'`)],
);

/** Downloads per attachment per day (analytics' daily series). */
export const kbDownloadsDaily = pgTable(
  'kb_downloads_daily',
  {
    attachmentId: uuid('attachment_id').notNull().references(() => kbAttachments.id, { onDelete: 'cascade' }),
    articleId: uuid('article_id').notNull().references(() => kbArticles.id, { onDelete: 'cascade' }),
    day: date('day', { mode: 'string' }).notNull(),
    count: integer('count').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.attachmentId, t.day] }), index('kb_downloads_daily_day_idx').on(t.day)],
);

/**
 * One row per visitor per article per day: a view is counted once a day. `visitor` is `u:<user id>`
 * or `a:<hash>` of the anonymous visitor cookie (or IP and user agent), never the raw address.
 */
export const kbArticleViews = pgTable(
  'kb_article_views',
  {
    articleId: uuid('article_id').notNull().references(() => kbArticles.id, { onDelete: 'cascade' }),
    day: date('day', { mode: 'string' }).notNull(),
    visitor: text('visitor').notNull(),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.day, t.visitor] }), index('kb_article_views_day_idx').on(t.day)],
);

/** One vote per visitor per article; voting again changes it. */
export const kbVotes = pgTable(
  'kb_votes',
  {
    articleId: uuid('article_id').notNull().references(() => kbArticles.id, { onDelete: 'cascade' }),
    visitor: text('visitor').notNull(),
    helpful: boolean('helpful').notNull(),
    comment: text('comment'),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.visitor] }), index('kb_votes_updated_idx').on(t.updatedAt)],
);

/** "This solved my problem": once per visitor per article per day. */
export const kbDeflections = pgTable(
  'kb_deflections',
  {
    articleId: uuid('article_id').notNull().references(() => kbArticles.id, { onDelete: 'cascade' }),
    day: date('day', { mode: 'string' }).notNull(),
    visitor: text('visitor').notNull(),
    source: text('source').notNull(),
    query: text('query'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.day, t.visitor] }), index('kb_deflections_day_idx').on(t.day)],
);

/** Which tickets an article helped answer (an agent linked or inserted it into a reply). */
export const kbArticleUses = pgTable(
  'kb_article_uses',
  {
    articleId: uuid('article_id').notNull().references(() => kbArticles.id, { onDelete: 'cascade' }),
    ticketId: uuid('ticket_id').notNull().references(() => tickets.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['link', 'text'] }).notNull().default('link'),
    usedById: uuid('used_by_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.ticketId] }), index('kb_article_uses_ticket_idx').on(t.ticketId)],
);

/** Searches per day and normalized query, split by whether anything was found. */
export const kbSearchStats = pgTable(
  'kb_search_stats',
  {
    day: date('day', { mode: 'string' }).notNull(),
    query: text('query').notNull(),
    found: boolean('found').notNull(),
    count: integer('count').notNull().default(0),
    lastAt: at('last_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.day, t.query, t.found] })],
);

/** Latin words of published articles, for correcting a misspelt query word by trigram similarity. */
export const kbTerms = pgTable(
  'kb_terms',
  { term: text('term').primaryKey() },
  (t) => [index('kb_terms_trgm_idx').using('gin', sql`${t.term} gin_trgm_ops`).with({ fastupdate: false })],
);
