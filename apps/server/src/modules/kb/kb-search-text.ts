/*
 * What the knowledge base indexes and how a query becomes a tsquery.
 *
 * - 繁體 → 简体 folding (opencc-js, Taiwan phrases included: 帳號 → 账号, 登入 → 登录) on both sides,
 *   so 發票 and 发票 find the same article. Only text holding Han characters goes through it.
 * - A query is a list of groups ANDed together; a group is alternatives ORed (the word itself, its
 *   synonyms, and — added by the search — spelling corrections and completions from the lexicon).
 *   Each alternative is one or more words ANDed (a phrase such as "sign in").
 * - Every word is quoted as a tsquery operand inside the one jsonb parameter of kb_tsquery, so & | ! :* ( ) and SQL in
 *   a query are text; platform/search's queryTerms has already dropped those characters anyway.
 */
import { Converter } from 'opencc-js/t2cn';
import type { SQL } from 'drizzle-orm';
import { queryTerms, toSearchVector, type QueryTerm } from '../../platform/search/index.js';
import { setBounded } from '../../platform/bounded-map.js';
import { kbChineseStopWords, kbEnglishStopWords, kbSynonymSets } from './kb-synonyms.js';

const toSimplified = Converter({ from: 'twp', to: 'cn' });
const HAN = /\p{Script=Han}/u;

/** Traditional Chinese folded to Simplified; other text unchanged. */
export function fold(text: string): string {
  return HAN.test(text) ? toSimplified(text) : text;
}

export interface ArticleIndexParts {
  title: string;
  tags: readonly string[];
  bodyText: string;
  attachmentsText: string;
}

/** The article's tsvector, all parts folded to 简体 first. */
export function articleVector(p: ArticleIndexParts): SQL {
  return toSearchVector([
    { text: fold(p.title), weight: 'A' },
    { text: fold(p.tags.join(' ')), weight: 'A' },
    { text: fold(p.bodyText), weight: 'B' },
    { text: fold(p.attachmentsText), weight: 'C' },
  ]);
}

/** The title as the trigram index keeps it. */
export const searchTitleOf = (title: string) => fold(title).toLowerCase().slice(0, 500);

/** Latin words worth keeping in the typo-correction lexicon. */
export function lexiconWords(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.toLowerCase().matchAll(/[a-z][a-z-]{2,29}/g)) out.add(m[0].replace(/-+$/, ''));
  return [...out].filter((w) => w.length >= 3);
}

export type Term = QueryTerm;
/** One alternative: words that must all match. */
export type Alternative = Term[];
export interface QueryGroup {
  /** The words as typed (for highlighting and no-result analytics). */
  typed: Term[];
  alternatives: Alternative[];
  /** Prefix-match this group's last word (the word being typed). */
  prefix: boolean;
}

const lower = (t: Term): Term => ({ text: t.text.toLowerCase(), kind: t.kind });
const synonymPhrases: Term[][][] = kbSynonymSets.map((set) => set.map((p) => queryTerms(p).map(lower)));

function matchPhraseAt(terms: readonly Term[], at: number, phrase: Term[]): boolean {
  if (phrase.length === 0 || at + phrase.length > terms.length) return false;
  return phrase.every((w, i) => terms[at + i]!.text === w.text);
}

/** Segmenting (jieba) and folding (opencc) cost more than the rest of a search's own work, and queries repeat. */
const termsOf = new Map<string, readonly Term[]>();
const TERMS_CACHED = 1000;
/** Longer input (a pasted log) is rarely repeated and would make the memory unbounded; it is segmented each time. */
const TERMS_KEY_MAX = 256;

/** The query's words, folded and lower-cased (shared and frozen: callers copy before changing). */
export function kbQueryTerms(q: string): readonly Term[] {
  let terms = termsOf.get(q);
  if (!terms) {
    terms = Object.freeze(queryTerms(fold(q)).map((t) => Object.freeze(lower(t))));
    if (q.length > TERMS_KEY_MAX) return terms;
    setBounded(termsOf, q, terms, TERMS_CACHED);
  }
  return terms;
}

const isStopWord = (t: Term) => (t.kind === 'cjk' ? kbChineseStopWords : kbEnglishStopWords).has(t.text);

/** Groups the words of a query, each with its synonyms. */
export function queryGroups(q: string): QueryGroup[] {
  const terms = kbQueryTerms(q);
  const groups: QueryGroup[] = [];
  for (let i = 0; i < terms.length; ) {
    let best: { length: number; set: number } | undefined;
    synonymPhrases.forEach((set, s) => {
      for (const phrase of set) {
        if (matchPhraseAt(terms, i, phrase) && phrase.length > (best?.length ?? 0)) best = { length: phrase.length, set: s };
      }
    });
    if (best) {
      const typed = terms.slice(i, i + best.length);
      groups.push({ typed, alternatives: synonymPhrases[best.set]!.filter((p) => p.length > 0), prefix: false });
      i += best.length;
    } else {
      groups.push({ typed: [terms[i]!], alternatives: [[terms[i]!]], prefix: false });
      i += 1;
    }
  }
  // Function words go after phrases are found: "sign in" needs its "in".
  const kept = groups.filter((g) => !(g.alternatives.length === 1 && g.typed.length === 1 && isStopWord(g.typed[0]!)));
  if (kept.length > 0) groups.splice(0, groups.length, ...kept);
  const last = groups[groups.length - 1];
  if (last && last.typed.length === 1 && last.alternatives.length === 1) last.prefix = true;
  return groups;
}

/** Quotes one word as a tsquery operand: inside quotes only ' and \ are special. */
const operand = (text: string, prefix: boolean) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "''")}'${prefix ? ':*' : ''}`;

/**
 * One word for kb_tsquery (migration 0024): its quoted operand and configuration — `s` simple
 * (Chinese), `e` english (stemmed), `es` both ORed for a word being typed, so "deliv" finds "delivery".
 */
export interface SpecWord { o: string; k: 's' | 'e' | 'es' }
/** Groups (ANDed or ORed by the mode) of alternatives (ORed) of words (ANDed). */
export type QuerySpec = SpecWord[][][];

const specWord = (t: Term, prefix: boolean): SpecWord => ({ o: operand(t.text, prefix), k: t.kind === 'cjk' ? 's' : prefix ? 'es' : 'e' });

/** The groups as kb_tsquery's spec; it travels as one jsonb parameter, however many words and synonyms. */
export function querySpec(groups: QueryGroup[]): QuerySpec {
  return groups.map((g) => g.alternatives.map((alt) => alt.map((w, i) => specWord(w, g.prefix && i === alt.length - 1))));
}

/** Every word a group may match, space-separated, for highlighting snippets. */
export function highlightQuery(groups: QueryGroup[]): string {
  return [...new Set(groups.flatMap((g) => [...g.typed, ...g.alternatives.flat()].map((t) => t.text)))].join(' ');
}
