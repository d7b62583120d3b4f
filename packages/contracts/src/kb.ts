import { z } from 'zod';
import { freeTextSchema, idSchema, isoDate, localeSchema, pageQuerySchema, tagSchema, textSchema } from './common.js';
import { limits } from './limits.js';

/**
 * Knowledge base (知识库): a category tree, articles in several languages with versions, attached
 * documents, views, votes, deflections and search. Staff see everything; customers and anonymous
 * visitors only published public articles and the categories that hold them.
 *
 * Routes (all under /api/v1):
 *   GET/POST /kb/categories · PATCH/DELETE /kb/categories/:id · POST /kb/categories/:id/move
 *   GET/POST /kb/articles · GET/PATCH/DELETE /kb/articles/:id · POST /kb/articles/:id/state
 *   POST /kb/articles/:id/translation · GET /kb/articles/:id/versions · GET /kb/articles/:id/versions/:version
 *   GET /kb/articles/:id/diff?from=&to= · POST /kb/articles/:id/versions/:version/restore
 *   POST /kb/articles/:id/view (count a view; GET does not count) · PUT /kb/articles/:id/vote
 *   POST /kb/articles/:id/deflect · POST /kb/articles/:id/uses · GET /kb/articles/:id/tickets
 *   POST /kb/articles/from-ticket
 *   POST /kb/attachments (multipart, one `file` part, staff) → KbAttachment; GET /kb/attachments/:id downloads
 *   GET /kb/search?q=&lang=&limit= · GET /kb/suggest?q= · GET /kb/analytics?from=&to=
 * Reads (categories, articles, search, suggest, view, vote, deflect, attachment downloads) work
 * without signing in, for the public portal.
 */
export const kbLimits = {
  title: 200,
  /** Sanitized article HTML; images are links to uploads, never inline data. */
  body: 500_000,
  slug: 100,
  categoryDepth: 5,
  tags: 20,
  related: 20,
  attachments: 30,
  voteComment: 2_000,
  /** Longer search input is cut to this before it is segmented (never a 500, never an error). */
  searchInput: 10_000,
  searchResults: { default: 10, max: 50 },
  suggestResults: { default: 5, max: 10 },
  attachmentBytes: 25 * 1024 * 1024,
} as const;

export const kbArticleStates = ['draft', 'published', 'archived'] as const;
export const kbArticleStateSchema = z.enum(kbArticleStates);
export type KbArticleState = z.infer<typeof kbArticleStateSchema>;

export const kbVisibilities = ['public', 'internal'] as const;
export const kbVisibilitySchema = z.enum(kbVisibilities);
export type KbVisibility = z.infer<typeof kbVisibilitySchema>;

const slugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(kbLimits.slug)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case letters, digits and single hyphens');

// ---------------------------------------------------------------- categories

/**
 * One node of the category tree; `articleCount` counts only the articles the caller may see (its own,
 * not its subcategories'). Customers and anonymous visitors get only categories that hold, or have
 * descendants that hold, published public articles.
 */
export const kbCategorySchema = z.object({
  id: idSchema,
  parentId: idSchema.nullable(),
  name: z.string(),
  slug: z.string().nullable(),
  description: z.string().nullable(),
  position: z.number().int(),
  articleCount: z.number().int(),
  createdAt: isoDate,
  updatedAt: isoDate,
});
export type KbCategory = z.infer<typeof kbCategorySchema>;

/** The whole tree as a flat list ordered by parent then position; build the tree on the client. */
export const kbCategoryListSchema = z.object({ items: z.array(kbCategorySchema) });
export type KbCategoryList = z.infer<typeof kbCategoryListSchema>;

export const createKbCategoryBodySchema = z
  .object({
    name: textSchema(limits.name),
    parentId: idSchema.nullable().default(null),
    slug: slugSchema.nullable().default(null),
    description: freeTextSchema(limits.note).nullable().default(null),
    /** Omitted: placed last among its siblings. */
    position: z.number().int().min(0).max(100_000).optional(),
  })
  .strict();
export type CreateKbCategoryBody = z.input<typeof createKbCategoryBodySchema>;

export const updateKbCategoryBodySchema = z
  .object({
    name: textSchema(limits.name).optional(),
    slug: slugSchema.nullable().optional(),
    description: freeTextSchema(limits.note).nullable().optional(),
  })
  .strict();
export type UpdateKbCategoryBody = z.input<typeof updateKbCategoryBodySchema>;

/** Moves a category under another parent (null: top level) at a position among its new siblings. */
export const moveKbCategoryBodySchema = z
  .object({ parentId: idSchema.nullable(), position: z.number().int().min(0).max(100_000) })
  .strict();
export type MoveKbCategoryBody = z.input<typeof moveKbCategoryBodySchema>;

// ---------------------------------------------------------------- articles

export const kbAttachmentSchema = z.object({
  id: idSchema,
  filename: z.string(),
  /** Detected from the bytes, never what the uploader claimed. */
  contentType: z.string(),
  size: z.number().int().nonnegative(),
  downloadCount: z.number().int(),
  /** Download address; counts a download each time it is fetched. */
  url: z.string(),
  createdAt: isoDate,
});
export type KbAttachment = z.infer<typeof kbAttachmentSchema>;

export const kbTranslationSchema = z.object({ id: idSchema, locale: localeSchema, title: z.string(), state: kbArticleStateSchema });
export type KbTranslation = z.infer<typeof kbTranslationSchema>;

export const kbRelatedArticleSchema = z.object({
  id: idSchema,
  title: z.string(),
  /** `manual`: chosen by an editor; `auto`: shares tags or the category. */
  source: z.enum(['manual', 'auto']),
});
export type KbRelatedArticle = z.infer<typeof kbRelatedArticleSchema>;

const personSchema = z.object({ id: idSchema, name: z.string() });

/** An article in the list: no body. */
export const kbArticleSummarySchema = z.object({
  id: idSchema,
  categoryId: idSchema.nullable(),
  categoryName: z.string().nullable(),
  title: z.string(),
  /** The first 200 characters of the body's text. */
  excerpt: z.string(),
  state: kbArticleStateSchema,
  visibility: kbVisibilitySchema,
  locale: localeSchema,
  tags: z.array(z.string()),
  version: z.number().int(),
  author: personSchema.nullable(),
  updatedAt: isoDate,
  publishedAt: isoDate.nullable(),
  viewCount: z.number().int(),
  helpfulCount: z.number().int(),
  notHelpfulCount: z.number().int(),
});
export type KbArticleSummary = z.infer<typeof kbArticleSummarySchema>;

/** A whole article. `bodyHtml` is sanitized again when served, whatever the stored copy holds. */
export const kbArticleSchema = kbArticleSummarySchema.extend({
  bodyHtml: z.string(),
  bodyText: z.string(),
  /** Links this article with the same article in other languages. */
  translationGroupId: idSchema,
  /** The other languages of this article the caller may see (this one excluded). */
  translations: z.array(kbTranslationSchema),
  attachments: z.array(kbAttachmentSchema),
  related: z.array(kbRelatedArticleSchema),
  /** The ids chosen by hand (for the editor); `related` also lists automatic ones. */
  relatedIds: z.array(idSchema),
  /** Tickets whose replies used this article; 0 for customers. */
  usedByTickets: z.number().int(),
  deflectionCount: z.number().int(),
  /** The caller's own vote, if they voted (null for anonymous visitors who did not). */
  myVote: z.object({ helpful: z.boolean(), comment: z.string().nullable() }).nullable(),
  createdAt: isoDate,
  archivedAt: isoDate.nullable(),
  /** Whether the caller may edit it. */
  editable: z.boolean(),
});
export type KbArticle = z.infer<typeof kbArticleSchema>;

const titleSchema = textSchema(kbLimits.title);
const bodyHtmlSchema = freeTextSchema(kbLimits.body);
const tagsSchema = z.array(tagSchema).max(kbLimits.tags);
const relatedIdsSchema = z.array(idSchema).max(kbLimits.related);

export const createKbArticleBodySchema = z
  .object({
    title: titleSchema,
    bodyHtml: bodyHtmlSchema.default(''),
    categoryId: idSchema.nullable().default(null),
    visibility: kbVisibilitySchema.default('public'),
    locale: localeSchema.default('zh-CN'),
    tags: tagsSchema.default([]),
    relatedIds: relatedIdsSchema.default([]),
    /** Makes this article a translation of that one (another locale of the same content). */
    translationOf: idSchema.optional(),
    /** Uploads made with `POST /kb/attachments` to attach. */
    attachmentIds: z.array(idSchema).max(kbLimits.attachments).default([]),
  })
  .strict();
export type CreateKbArticleBody = z.input<typeof createKbArticleBodySchema>;

/** Every accepted save is a new version. `version` is the one the editor started from (409 when stale). */
export const updateKbArticleBodySchema = z
  .object({
    version: z.number().int().min(1).optional(),
    title: titleSchema.optional(),
    bodyHtml: bodyHtmlSchema.optional(),
    categoryId: idSchema.nullable().optional(),
    visibility: kbVisibilitySchema.optional(),
    locale: localeSchema.optional(),
    tags: tagsSchema.optional(),
    relatedIds: relatedIdsSchema.optional(),
    /** The article's complete attachment list after the save. */
    attachmentIds: z.array(idSchema).max(kbLimits.attachments).optional(),
  })
  .strict();
export type UpdateKbArticleBody = z.input<typeof updateKbArticleBodySchema>;

/**
 * State changes: draft → published, published → draft (unpublish), published → archived,
 * archived → draft. An empty body cannot be published.
 */
export const kbArticleTransitions: Record<KbArticleState, readonly KbArticleState[]> = {
  draft: ['published'],
  published: ['draft', 'archived'],
  archived: ['draft'],
};
export const changeKbArticleStateBodySchema = z.object({ state: kbArticleStateSchema }).strict();
export type ChangeKbArticleStateBody = z.input<typeof changeKbArticleStateBodySchema>;

/** Links (or with null unlinks) this article as a translation of another article. */
export const linkKbTranslationBodySchema = z.object({ translationOf: idSchema.nullable() }).strict();
export type LinkKbTranslationBody = z.input<typeof linkKbTranslationBodySchema>;

export const listKbArticlesQuerySchema = pageQuerySchema.extend({
  categoryId: idSchema.optional(),
  state: kbArticleStateSchema.optional(),
  visibility: kbVisibilitySchema.optional(),
  locale: localeSchema.optional(),
  tag: tagSchema.optional(),
  /** Newest first by default; `popular` orders by views. */
  sort: z.enum(['updated', 'popular', 'title']).default('updated'),
});
export type ListKbArticlesQuery = z.infer<typeof listKbArticlesQuerySchema>;

// ---------------------------------------------------------------- versions and diff

export const kbVersionSummarySchema = z.object({
  version: z.number().int(),
  title: z.string(),
  authorId: idSchema.nullable(),
  authorName: z.string().nullable(),
  createdAt: isoDate,
  /** What made the version: an edit, a state change, a restore of version N. */
  note: z.string().nullable(),
});
export type KbVersionSummary = z.infer<typeof kbVersionSummarySchema>;
export const kbVersionListSchema = z.object({ items: z.array(kbVersionSummarySchema) });
export type KbVersionList = z.infer<typeof kbVersionListSchema>;

export const kbVersionSchema = kbVersionSummarySchema.extend({
  bodyHtml: z.string(),
  bodyText: z.string(),
  state: kbArticleStateSchema,
  visibility: kbVisibilitySchema,
  categoryId: idSchema.nullable(),
  tags: z.array(z.string()),
});
export type KbVersion = z.infer<typeof kbVersionSchema>;

export const kbVersionParamsSchema = z.object({ id: idSchema, version: z.coerce.number().int().min(1).max(1_000_000) }).strict();
export const kbDiffQuerySchema = z
  .object({ from: z.coerce.number().int().min(1).max(1_000_000), to: z.coerce.number().int().min(1).max(1_000_000) })
  .strict();

export const kbDiffKinds = ['equal', 'added', 'removed'] as const;
/**
 * One row of a side-by-side diff: `left` is the line in `from`, `right` the line in `to`.
 * equal: both; removed: left only (right null); added: right only (left null). A changed line
 * is a removed row followed by an added row.
 */
export const kbDiffRowSchema = z.object({
  kind: z.enum(kbDiffKinds),
  left: z.string().nullable(),
  right: z.string().nullable(),
  leftLine: z.number().int().nullable(),
  rightLine: z.number().int().nullable(),
});
export type KbDiffRow = z.infer<typeof kbDiffRowSchema>;

export const kbDiffSchema = z.object({
  from: kbVersionSummarySchema,
  to: kbVersionSummarySchema,
  title: z.array(kbDiffRowSchema),
  /** The body's text, line by line (paragraphs, headings, list items, table rows). */
  body: z.array(kbDiffRowSchema),
  /** Other fields that changed: state, visibility, category, tags. */
  fields: z.array(z.object({ field: z.string(), from: z.string().nullable(), to: z.string().nullable() })),
});
export type KbDiff = z.infer<typeof kbDiffSchema>;

// ---------------------------------------------------------------- feedback

export const kbVoteBodySchema = z
  .object({ helpful: z.boolean(), comment: freeTextSchema(kbLimits.voteComment).nullable().optional() })
  .strict();
export type KbVoteBody = z.input<typeof kbVoteBodySchema>;

export const kbFeedbackCountsSchema = z.object({
  helpfulCount: z.number().int(),
  notHelpfulCount: z.number().int(),
  myVote: z.object({ helpful: z.boolean(), comment: z.string().nullable() }).nullable(),
});
export type KbFeedbackCounts = z.infer<typeof kbFeedbackCountsSchema>;

/** "This solved my problem" in the portal; `query` is what the visitor had typed (subject or search). */
export const kbDeflectBodySchema = z
  .object({ query: freeTextSchema(500).optional(), source: z.enum(['search', 'new_request', 'article']).default('article') })
  .strict();
export type KbDeflectBody = z.input<typeof kbDeflectBodySchema>;
export const kbDeflectResultSchema = z.object({ deflectionCount: z.number().int(), counted: z.boolean() });
export type KbDeflectResult = z.infer<typeof kbDeflectResultSchema>;

/** Records that an agent used an article on a ticket (inserted as a link or as text). */
export const kbArticleUseBodySchema = z.object({ ticketId: idSchema, kind: z.enum(['link', 'text']).default('link') }).strict();
export type KbArticleUseBody = z.input<typeof kbArticleUseBodySchema>;

export const kbArticleTicketSchema = z.object({
  ticketId: idSchema,
  number: z.number().int(),
  subject: z.string(),
  status: z.string(),
  usedAt: isoDate,
  usedBy: z.string().nullable(),
});
export const kbArticleTicketListSchema = z.object({ items: z.array(kbArticleTicketSchema) });
export type KbArticleTicketList = z.infer<typeof kbArticleTicketListSchema>;

export const kbFromTicketBodySchema = z.object({ ticketId: idSchema, locale: localeSchema.optional() }).strict();
export type KbFromTicketBody = z.input<typeof kbFromTicketBodySchema>;

// ---------------------------------------------------------------- search

export const kbSearchQuerySchema = z
  .object({
    /** Longer input is cut, not refused: a pasted error log still searches. */
    q: z.string().max(kbLimits.searchInput * 4).default(''),
    /** Prefer articles in this language (others still appear below). */
    lang: localeSchema.optional(),
    limit: z.coerce.number().int().min(1).max(kbLimits.searchResults.max).default(kbLimits.searchResults.default),
    categoryId: idSchema.optional(),
  })
  .strict();
export type KbSearchQuery = z.infer<typeof kbSearchQuerySchema>;

export const kbSearchResultSchema = z.object({
  id: idSchema,
  title: z.string(),
  /** The title with matches in <mark>; everything else escaped. */
  titleHtml: z.string(),
  /** An excerpt with matches in <mark>; everything else escaped, safe to render as HTML. */
  snippetHtml: z.string(),
  categoryId: idSchema.nullable(),
  categoryName: z.string().nullable(),
  locale: localeSchema,
  visibility: kbVisibilitySchema,
  score: z.number(),
  /** Set when the match was in an attached document rather than the article. */
  attachmentName: z.string().nullable(),
});
export type KbSearchResult = z.infer<typeof kbSearchResultSchema>;
export const kbSearchResponseSchema = z.object({ items: z.array(kbSearchResultSchema), query: z.string() });
export type KbSearchResponse = z.infer<typeof kbSearchResponseSchema>;

export const kbSuggestQuerySchema = z
  .object({
    q: z.string().max(kbLimits.searchInput * 4).default(''),
    lang: localeSchema.optional(),
    limit: z.coerce.number().int().min(1).max(kbLimits.suggestResults.max).default(kbLimits.suggestResults.default),
  })
  .strict();
export type KbSuggestQuery = z.infer<typeof kbSuggestQuerySchema>;
export const kbSuggestionSchema = z.object({ id: idSchema, title: z.string(), titleHtml: z.string(), locale: localeSchema });
export const kbSuggestResponseSchema = z.object({ items: z.array(kbSuggestionSchema) });
export type KbSuggestResponse = z.infer<typeof kbSuggestResponseSchema>;

// ---------------------------------------------------------------- analytics

export const kbAnalyticsQuerySchema = z
  .object({
    /** Inclusive day range (YYYY-MM-DD, UTC); default the last 30 days. */
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export type KbAnalyticsQuery = z.infer<typeof kbAnalyticsQuerySchema>;

export const kbArticleStatsSchema = z.object({
  id: idSchema,
  title: z.string(),
  state: kbArticleStateSchema,
  locale: localeSchema,
  views: z.number().int(),
  downloads: z.number().int(),
  helpful: z.number().int(),
  notHelpful: z.number().int(),
  deflections: z.number().int(),
  ticketUses: z.number().int(),
});
export type KbArticleStats = z.infer<typeof kbArticleStatsSchema>;

export const kbDailyPointSchema = z.object({
  day: z.iso.date(),
  views: z.number().int(),
  downloads: z.number().int(),
  helpful: z.number().int(),
  notHelpful: z.number().int(),
  deflections: z.number().int(),
  searches: z.number().int(),
  searchesWithoutResult: z.number().int(),
});
export type KbDailyPoint = z.infer<typeof kbDailyPointSchema>;

/** A search nobody found an answer to: the list of content to write next. */
export const kbMissedSearchSchema = z.object({ query: z.string(), count: z.number().int(), lastAt: isoDate });
export type KbMissedSearch = z.infer<typeof kbMissedSearchSchema>;

export const kbAnalyticsSchema = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
  totals: kbDailyPointSchema.omit({ day: true }),
  /** Most viewed first. */
  articles: z.array(kbArticleStatsSchema),
  daily: z.array(kbDailyPointSchema),
  /** Most frequent first. */
  missedSearches: z.array(kbMissedSearchSchema),
});
export type KbAnalytics = z.infer<typeof kbAnalyticsSchema>;
