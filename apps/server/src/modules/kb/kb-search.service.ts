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
 * the asked language, so relevance decides and popularity breaks near-ties. The tsquery and the
 * ranking are SQL functions (migration 0024): each pass is one short statement.
 */
import { inArray, sql, type SQL } from 'drizzle-orm';
import { kbLimits, type KbSearchQuery, type KbSearchResponse, type KbSearchResult, type KbSuggestQuery, type KbSuggestResponse, type Locale } from '@kefu/contracts';
import type { AppDeps } from '../../platform/context.js';
import type { Executor } from '../../platform/db/client.js';
import { snippet } from '../../platform/search/index.js';
import { cachedSearch, searchCacheKey } from './kb-search-cache.js';
import { fold, highlightQuery, kbQueryTerms, queryGroups, querySpec, searchTitleOf, type QueryGroup } from './kb-search-text.js';
import { recordSearch } from './kb-search-stats.js';
import { isKbStaff, type KbViewer } from './kb.policy.js';
import { kbAttachments, kbTerms } from './kb.tables.js';

/** How similar (pg_trgm) a lexicon word must be to stand in for a misspelt one. */
const TYPO_SIMILARITY = 0.3;
const TITLE_SIMILARITY = 0.25;
/** Precise hits below which spelling corrections are looked up: the top 3 is what people read. */
const GOOD_ENOUGH = 3;

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

interface PageOpts { staff: boolean; lang?: Locale; limit: number; categoryId?: string }
type RankedRow = { id: string; title: string; body_text: string; locale: Locale; visibility: 'public' | 'internal'; category_id: string | null; category_name: string | null; score: number };

/**
 * One page: `ranks` (kb_word_ranks or kb_title_ranks, migration 0024) ranks ids on numbers only;
 * the body, cut for snippets, and the category are read for the page's rows alone.
 */
async function page(db: Executor, ranks: SQL): Promise<Hit[]> {
  const { rows } = await db.execute<RankedRow>(sql`select a.id, a.title, left(a.body_text, 20000) as body_text, a.locale, a.visibility, a.category_id,
      k.name as category_name, r.score
    from ${ranks} r join kb_articles a on a.id = r.id left join kb_categories k on k.id = a.category_id
    order by r.score desc, r.view_count desc, r.id`);
  return rows.map((r) => ({
    id: r.id, title: r.title, bodyText: r.body_text, locale: r.locale, visibility: r.visibility, categoryId: r.category_id, categoryName: r.category_name, score: Number(r.score),
  }));
}

/** A word search; the words travel as one jsonb parameter, `weight` scales a looser pass below every precise hit. */
const wordPass = (db: Executor, groups: QueryGroup[], mode: 'all' | 'any' | 'all_but_one', weight: number, o: PageOpts) =>
  page(db, sql`kb_word_ranks(kb_tsquery(${JSON.stringify(querySpec(groups))}::jsonb, ${mode}::text), ${o.staff}::boolean, ${o.categoryId ?? null}::uuid,
    ${o.lang ?? null}::text, ${o.limit}::int, ${CANDIDATES}::int, ${weight}::float8)`);

/** Titles by trigram similarity: the last resort for a mangled query. */
const titlePass = (db: Executor, title: string, o: PageOpts) =>
  page(db, sql`kb_title_ranks(${title}::text, ${o.staff}::boolean, ${o.categoryId ?? null}::uuid, ${o.lang ?? null}::text, ${o.limit}::int,
    ${CANDIDATES}::int, ${TITLE_SIMILARITY}::real)`);

/** The ranked hits of a query for this viewer, without snippets. */
export async function findArticles(db: Executor, staff: boolean, q: string, opts: { lang?: Locale; limit: number; categoryId?: string; thorough: boolean }) {
  const groups = queryGroups(q);
  if (groups.length === 0) return { groups, hits: [] as Hit[] };
  const scope: PageOpts = { staff, lang: opts.lang, limit: opts.limit, categoryId: opts.categoryId };
  let hits = await wordPass(db, groups, 'all', 1, scope);
  // Spelling is looked up only when the words as typed found too little: most searches skip it.
  if (opts.thorough && hits.length < GOOD_ENOUGH && (await addCorrections(db, groups))) hits = await wordPass(db, groups, 'all', 1, scope);
  // The looser passes only when the precise one found nothing: they read many more rows.
  if (hits.length > 0) return { groups, hits };
  // Three words or more: all but one must match (still selective); two: either. Scaled below every
  // precise hit: an article holding all the words stays above those holding some.
  if (groups.length > 1) hits.push(...await wordPass(db, groups, groups.length >= 3 ? 'all_but_one' : 'any', 0.5, scope));
  if (opts.thorough && hits.length === 0) {
    const title = searchTitleOf(q).slice(0, 200);
    if (title.trim().length >= 2) hits.push(...await titlePass(db, title, scope));
  }
  return { groups, hits };
}

/** Text as written with the words of `hq` marked where its 简体 folding matches them. */
const marked = (text: string, hq: string, maxLength?: number) => snippet(text, hq, { maxLength, matchIn: fold(text) });
const markedTitle = (title: string, hq: string) => marked(title, hq, 300);

/** Snippets: the body around the first match, or else a matching attached document. */
async function withSnippets(db: Executor, hits: Hit[], groups: QueryGroup[]): Promise<KbSearchResult[]> {
  const hq = highlightQuery(groups);
  const results = hits.map((h) => ({
    id: h.id, title: h.title, titleHtml: markedTitle(h.title, hq), snippetHtml: marked(h.bodyText, hq), categoryId: h.categoryId, categoryName: h.categoryName,
    locale: h.locale, visibility: h.visibility, score: Math.round(h.score * 1e6) / 1e6, attachmentName: null as string | null,
  }));
  const unmarked = results.filter((r) => !r.snippetHtml.includes('<mark>') && !r.titleHtml.includes('<mark>')).map((r) => r.id);
  if (unmarked.length) {
    const files = await db.select({ articleId: kbAttachments.articleId, filename: kbAttachments.filename, text: sql<string>`left(${kbAttachments.extractedText}, 50000)` })
      .from(kbAttachments).where(inArray(kbAttachments.articleId, unmarked));
    for (const f of files) {
      const r = results.find((x) => x.id === f.articleId);
      if (!r || r.attachmentName) continue;
      const s = marked(f.text, hq);
      if (s.includes('<mark>')) Object.assign(r, { snippetHtml: s, attachmentName: f.filename });
    }
  }
  return results;
}

/** One search as the database and the snippets see it, uncached: what the API runs on a cache miss. */
export async function runSearch(db: Executor, staff: boolean, q: string, opts: { lang?: Locale; limit: number; categoryId?: string }): Promise<KbSearchResult[]> {
  const { groups, hits } = await findArticles(db, staff, q, { ...opts, thorough: true });
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

/**
 * As-you-type suggestions, titles only, nothing recorded: the words as typed and, when they find
 * nothing together ("如何开电子发票": no article holds 开 beside 电子发票), some of them; no spelling lookups.
 */
export async function suggestKb(deps: AppDeps, viewer: KbViewer, query: KbSuggestQuery): Promise<KbSuggestResponse> {
  const q = query.q.replace(/\u0000/g, '').slice(0, kbLimits.searchInput);
  const { groups, hits } = await findArticles(deps.db, isKbStaff(viewer), q, { lang: query.lang, limit: query.limit, thorough: false });
  const hq = highlightQuery(groups);
  return { items: hits.map((h) => ({ id: h.id, title: h.title, titleHtml: markedTitle(h.title, hq), locale: h.locale })) };
}
