/*
 * Knowledge-base search. One article table with one weighted tsvector (title, tags, body, files),
 * searched in up to three passes, each only when the earlier ones left the page short:
 * 1. every query word (or one of its synonyms / spelling corrections) must match — precise;
 * 2. any word may match, ranked by how much matched — natural questions ("how do I get my money
 *    back after the parcel broke") whose every word no article holds;
 * 3. trigram similarity of the title — a mangled query that no word search can rescue.
 * Spelling: an English word the published articles never use is looked up in the lexicon
 * (kb_terms) by trigram similarity and by prefix, and the near words join its alternatives.
 * Ranking: ts_rank_cd (title and tags weigh most), nudged by popularity (views, helpful votes) and
 * the asked language, so relevance decides and popularity breaks near-ties.
 */
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { kbLimits, type KbSearchQuery, type KbSearchResponse, type KbSearchResult, type KbSuggestQuery, type KbSuggestResponse, type Locale } from '@kefu/contracts';
import type { AppDeps } from '../../platform/context.js';
import type { Executor } from '../../platform/db/client.js';
import { snippet } from '../../platform/search/index.js';
import { cachedSearch, searchCacheKey } from './kb-search-cache.js';
import { fold, groupsQuery, highlightQuery, kbQueryTerms, queryGroups, searchTitleOf, type QueryGroup } from './kb-search-text.js';
import { recordSearch } from './kb-search-stats.js';
import { isKbStaff, type KbViewer } from './kb.policy.js';
import { kbArticles, kbAttachments, kbCategories, kbTerms } from './kb.tables.js';

/** How similar (pg_trgm) a lexicon word must be to stand in for a misspelt one. */
const TYPO_SIMILARITY = 0.3;
const TITLE_SIMILARITY = 0.25;
/** Precise hits below which spelling corrections are looked up: the top 3 is what people read. */
const GOOD_ENOUGH = 3;

const visibleTo = (staff: boolean): SQL =>
  staff ? eq(kbArticles.state, 'published') : sql`${kbArticles.state} = 'published' and ${kbArticles.visibility} = 'public'`;

/** Optimal string alignment distance: edits plus swaps of neighbouring letters. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

async function byEditDistance(db: Executor, word: string): Promise<string[]> {
  const { rows } = await db.execute<{ term: string }>(sql`select term from ${kbTerms}
    where term like ${`${word.slice(0, 2)}%`} and length(term) between ${word.length - 1} and ${word.length + 1} limit 500`);
  const max = word.length <= 5 ? 1 : 2;
  return rows.map((r) => ({ term: r.term, d: editDistance(word, r.term) })).filter((x) => x.d <= max).sort((x, y) => x.d - y.d).slice(0, 2).map((x) => x.term);
}

/** Adds lexicon words close to each unknown English word (typos) or starting with it (partial words). */
async function addCorrections(db: Executor, groups: QueryGroup[]): Promise<boolean> {
  const candidates = groups.filter((g) => g.alternatives.length === 1 && g.typed.length === 1 && g.typed[0]!.kind === 'latin' && /^[a-z][a-z-]{2,29}$/.test(g.typed[0]!.text));
  if (candidates.length === 0) return false;
  const words = candidates.map((g) => g.typed[0]!.text);
  const { rows } = await db.execute<{ w: string; known: boolean; near: string[] | null; completions: string[] | null }>(sql`
    select t.w,
      exists (select 1 from ${kbTerms} where term = t.w) as known,
      (select array_agg(term) from (select term from ${kbTerms} where term % t.w and similarity(term, t.w) >= ${TYPO_SIMILARITY}
         order by similarity(term, t.w) desc, term limit 2) n) as near,
      (select array_agg(term) from (select term from ${kbTerms} where term like t.w || '%' order by length(term), term limit 3) c) as completions
    from unnest(${`{${words.join(',')}}`}::text[]) as t(w)`);
  const byWord = new Map(rows.map((r) => [r.w, r]));
  let added = false;
  for (const g of candidates) {
    const r = byWord.get(g.typed[0]!.text);
    if (!r || r.known) continue;
    // Swapped letters (refnud) share too few trigrams: try words of the same start and length by edit distance.
    if (!r.near?.length && !r.completions?.length && r.w.length >= 4) r.near = await byEditDistance(db, r.w);
    const extra = [...(r.near ?? []), ...(r.completions ?? [])].filter((w) => w !== g.typed[0]!.text);
    for (const w of new Set(extra)) g.alternatives.push([{ text: w, kind: 'latin' }]);
    added ||= extra.length > 0;
  }
  return added;
}

interface Hit { id: string; title: string; bodyText: string; locale: Locale; visibility: 'public' | 'internal'; categoryId: string | null; categoryName: string | null; score: number }

/**
 * Ranking reads every matching row's vector, so a very common word (in thousands of articles)
 * would cost milliseconds per thousand; only the first CANDIDATES matches the index hands over
 * are ranked. A query that broad has no single right answer, and the page still fills.
 */
const CANDIDATES = 300;

/** Word-search candidates through the GIN index (see migration 0022), under the table's name. */
const byWords = (staff: boolean, query: SQL, categoryId: string | undefined): SQL =>
  sql`kb_search_candidates(${query}, ${staff}::boolean, ${categoryId ?? null}::uuid, ${CANDIDATES}::int) as ${kbArticles}`;

/** Ranks `candidates` (a row source named like the table, so `rank` and the score read its columns). */
async function pass(db: Executor, candidates: SQL, rank: SQL<number>, lang: Locale | undefined, limit: number): Promise<Hit[]> {
  const langBoost = lang ? sql`case when ${kbArticles.locale} = ${lang} then 1.25 else 1 end` : sql`1`;
  const score = sql<number>`(${rank}) * ${langBoost} * (1 + 0.04 * ln(1 + ${kbArticles.viewCount}) + 0.1 * ${kbArticles.helpfulCount}::float8 / (${kbArticles.helpfulCount} + ${kbArticles.notHelpfulCount} + 2))`;
  // Ranked on ids and numbers first: the body and the category are read for the page only, not for every candidate.
  const ranked = db.select({ rid: sql<string>`${kbArticles.id}`.as('rid'), score: sql<number>`${score}`.as('score'), views: sql<number>`${kbArticles.viewCount}`.as('views') })
    .from(candidates)
    .orderBy(sql`${score} desc`, sql`${kbArticles.viewCount} desc`, kbArticles.id)
    .limit(limit).as('ranked');
  const a = alias(kbArticles, 'a');
  const rows = await db
    .select({
      id: a.id, title: a.title, bodyText: sql<string>`left(${a.bodyText}, 20000)`, locale: a.locale, visibility: a.visibility,
      categoryId: a.categoryId, categoryName: kbCategories.name, score: ranked.score,
    })
    .from(ranked)
    .innerJoin(a, eq(a.id, ranked.rid))
    .leftJoin(kbCategories, eq(kbCategories.id, a.categoryId))
    .orderBy(sql`${ranked.score} desc`, sql`${ranked.views} desc`, ranked.rid);
  return rows.map((r) => ({ ...r, score: Number(r.score) }));
}

/** The ranked hits of a query for this viewer, without snippets. */
export async function findArticles(db: Executor, staff: boolean, q: string, opts: { lang?: Locale; limit: number; categoryId?: string; relaxed: boolean }) {
  const groups = queryGroups(q);
  if (groups.length === 0) return { groups, hits: [] as Hit[] };
  const precise = () => {
    const all = groupsQuery(groups, 'all')!;
    return pass(db, byWords(staff, all, opts.categoryId), sql<number>`ts_rank_cd(${kbArticles.searchVector}, ${all})`, opts.lang, opts.limit);
  };
  let hits = await precise();
  // Spelling is looked up only when the words as typed found too little: most searches skip it.
  if (opts.relaxed && hits.length < GOOD_ENOUGH && (await addCorrections(db, groups))) hits = await precise();
  // The looser passes only when the precise one found nothing: they read many more rows.
  if (!opts.relaxed || hits.length > 0) return { groups, hits };
  if (groups.length > 1) {
    // Three words or more: all but one must match (still selective); two: either.
    const loose = groups.length >= 3
      ? sql`(${sql.join(groups.map((_, skip) => groupsQuery(groups.filter((__, i) => i !== skip), 'all')!), sql` || `)})`
      : groupsQuery(groups, 'any')!;
    // Scaled below every precise hit: an article holding all the words stays above those holding some.
    hits.push(...await pass(db, byWords(staff, loose, opts.categoryId), sql<number>`ts_rank_cd(${kbArticles.searchVector}, ${loose}) * 0.5`, opts.lang, opts.limit));
  }
  if (hits.length === 0) {
    const title = searchTitleOf(q).slice(0, 200);
    if (title.trim().length >= 2) {
      const similar = db.select().from(kbArticles)
        .where(and(visibleTo(staff), sql`${kbArticles.searchTitle} % ${title} and similarity(${kbArticles.searchTitle}, ${title}) >= ${TITLE_SIMILARITY}`, opts.categoryId ? eq(kbArticles.categoryId, opts.categoryId) : undefined))
        .limit(CANDIDATES);
      hits.push(...await pass(db, sql`(${similar}) as ${kbArticles}`, sql<number>`similarity(${kbArticles.searchTitle}, ${title}) * 0.01`, opts.lang, opts.limit));
    }
  }
  return { groups, hits };
}

/** Snippets: the body around the first match, or else a matching attached document. */
async function withSnippets(db: Executor, hits: Hit[], groups: QueryGroup[]): Promise<KbSearchResult[]> {
  const hq = highlightQuery(groups);
  const results = hits.map((h) => {
    const foldedBody = fold(h.bodyText);
    return {
      id: h.id, title: h.title, titleHtml: snippet(h.title, hq, { maxLength: 300 }), snippetHtml: snippet(foldedBody, hq), categoryId: h.categoryId, categoryName: h.categoryName,
      locale: h.locale, visibility: h.visibility, score: Math.round(h.score * 1e6) / 1e6, attachmentName: null as string | null,
    };
  });
  const unmarked = results.filter((r) => !r.snippetHtml.includes('<mark>') && !r.titleHtml.includes('<mark>')).map((r) => r.id);
  if (unmarked.length) {
    const files = await db.select({ articleId: kbAttachments.articleId, filename: kbAttachments.filename, text: sql<string>`left(${kbAttachments.extractedText}, 50000)` })
      .from(kbAttachments).where(inArray(kbAttachments.articleId, unmarked));
    for (const f of files) {
      const r = results.find((x) => x.id === f.articleId);
      if (!r || r.attachmentName) continue;
      const s = snippet(fold(f.text), hq);
      if (s.includes('<mark>')) Object.assign(r, { snippetHtml: s, attachmentName: f.filename });
    }
  }
  return results;
}

/** One search as the database and the snippets see it, uncached: what the API runs on a cache miss. */
export async function runSearch(db: Executor, staff: boolean, q: string, opts: { lang?: Locale; limit: number; categoryId?: string }): Promise<KbSearchResult[]> {
  const { groups, hits } = await findArticles(db, staff, q, { ...opts, relaxed: true });
  return withSnippets(db, hits, groups);
}

export async function searchKb(deps: AppDeps, viewer: KbViewer, query: KbSearchQuery): Promise<KbSearchResponse> {
  // Cut, never refused: a pasted log still searches on its first words (segmenting caps it again).
  const q = query.q.replace(/\u0000/g, '').slice(0, kbLimits.searchInput);
  const staff = isKbStaff(viewer);
  const opts = { lang: query.lang, limit: query.limit, categoryId: query.categoryId };
  const items = await cachedSearch(deps, searchCacheKey(staff, q, opts), () => runSearch(deps.db, staff, q, opts));
  if (kbQueryTerms(q).length > 0) recordSearch(deps, viewer, q, items.length > 0);
  return { items: [...items], query: q.slice(0, 200) };
}

/** As-you-type suggestions: one precise pass, titles only, nothing recorded. */
export async function suggestKb(deps: AppDeps, viewer: KbViewer, query: KbSuggestQuery): Promise<KbSuggestResponse> {
  const q = query.q.replace(/\u0000/g, '').slice(0, kbLimits.searchInput);
  const { groups, hits } = await findArticles(deps.db, isKbStaff(viewer), q, { lang: query.lang, limit: query.limit, relaxed: false });
  const hq = highlightQuery(groups);
  return { items: hits.map((h) => ({ id: h.id, title: h.title, titleHtml: snippet(h.title, hq, { maxLength: 300 }), locale: h.locale })) };
}
