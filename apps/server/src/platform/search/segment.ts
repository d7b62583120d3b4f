/*
 * Word segmentation for full-text search. PostgreSQL's parser splits text on spaces and punctuation,
 * and Chinese has neither between words, so "我要退款" would be one token and a search for 退款 would
 * miss it. jieba cuts runs of Han characters into words before PostgreSQL sees the text.
 *
 * Choices:
 * - Documents are cut with `cutForSearch` (with HMM): besides the best segmentation it also emits the
 *   dictionary words inside longer words (开发票 → 开发, 发票, 开发票), so a two-character query such as
 *   发票, 退款 or 物流 finds them. Queries are cut with plain `cut`: fewer, longer terms to AND together,
 *   each of which the document side also produced.
 * - Only Han runs go through jieba. Everything else is left to PostgreSQL's parser, which knows
 *   e-mail addresses, URLs, hyphenated words and version numbers and stems English.
 * - Text is NFKC-normalized (full-width ＡＢＣ１２３ typed with Chinese input methods becomes ABC123)
 *   and non-ASCII punctuation becomes a space: in a database whose LC_CTYPE is C the parser counts
 *   every non-ASCII character as a letter, so "退款，物流" would otherwise be a single token.
 * - Traditional characters are segmented with the same dictionary (it holds many of them); folding
 *   繁體 onto 简体 is not done here.
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

/** Longer text is cut short: indexing stays fast and PostgreSQL keeps positions only up to 16383. */
export const MAX_INDEXED_CHARS = 100_000;
/** A query longer than this is cut short; nobody types more into a search box. */
export const MAX_QUERY_CHARS = 256;
const MAX_QUERY_TERMS = 32;

let jieba: Jieba | undefined;
/** Loading the dictionary takes a few hundred milliseconds, so only when search is first used. */
function cutter(): Jieba {
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

const HAN_RUN = /(\p{Script=Han}+)/u;
const HAS_WORD_CHAR = /[\p{L}\p{N}]/u;
// Non-ASCII punctuation, symbols, separators and control characters.
const NON_ASCII_NOISE = /[\p{P}\p{S}\p{Z}\p{Cc}\p{Cf}](?<![\x00-\x7f])|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/gu;

function normalize(text: string, max: number): string {
  return text.slice(0, max).normalize('NFKC').replace(NON_ASCII_NOISE, ' ');
}

/** Han runs at odd indexes, everything else at even ones. */
function runs(text: string): string[] {
  return text.split(HAN_RUN);
}

export interface IndexText {
  /** Han words, space-separated, for the `simple` configuration. */
  readonly cjk: string;
  /** The rest, for the `english` configuration. */
  readonly other: string;
}

/** Splits a document's text into what each text-search configuration should index. */
export function indexText(text: string): IndexText {
  const cjk: string[] = [];
  const other: string[] = [];
  runs(normalize(text, MAX_INDEXED_CHARS)).forEach((run, i) => {
    if (i % 2 === 1) cjk.push(...cutter().cutForSearch(run, true).filter((w) => HAS_WORD_CHAR.test(w)));
    else if (HAS_WORD_CHAR.test(run)) other.push(run.trim());
  });
  return { cjk: cjk.join(' '), other: other.join(' ') };
}

/** Space-separated tokens, in document order: Han runs cut into words, other text as it was. */
export function segment(text: string): string {
  const out: string[] = [];
  runs(normalize(text, MAX_INDEXED_CHARS)).forEach((run, i) => {
    if (i % 2 === 1) out.push(...cutter().cutForSearch(run, true).filter((w) => HAS_WORD_CHAR.test(w)));
    else if (HAS_WORD_CHAR.test(run)) out.push(run.trim());
  });
  return out.join(' ');
}

export interface QueryTerm {
  readonly text: string;
  readonly kind: 'cjk' | 'latin';
}

/**
 * The words of a search box's input, in order. Only letters, digits and the characters that join
 * e-mail addresses and part numbers (@ . _ + -) survive, so nothing the user types can act as
 * tsquery syntax (& | ! : * ( ) ' \) — the SQL side quotes each term as well.
 */
export function queryTerms(q: string): QueryTerm[] {
  const terms: QueryTerm[] = [];
  runs(normalize(q, MAX_QUERY_CHARS)).forEach((run, i) => {
    if (i % 2 === 1) {
      for (const w of cutter().cut(run, true)) if (HAS_WORD_CHAR.test(w)) terms.push({ text: w, kind: 'cjk' });
      return;
    }
    for (const raw of run.split(/[^\p{L}\p{M}\p{N}@._+-]+/u)) {
      const w = raw.replace(/^[@._+-]+|[@._+-]+$/g, '');
      if (HAS_WORD_CHAR.test(w)) terms.push({ text: w, kind: 'latin' });
    }
  });
  return terms.slice(0, MAX_QUERY_TERMS);
}
