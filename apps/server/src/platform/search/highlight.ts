/*
 * Search-result snippets with the matched words in <mark>. Done in TypeScript, not with ts_headline:
 * ts_headline finds words with PostgreSQL's parser, which sees "我要退款了" as one word and so would
 * not mark 退款 unless the stored text were re-spaced by jieba, and it would return that re-spaced
 * text. Here Han terms are marked wherever they occur, and an English term marks words that begin
 * with its rough stem (refunds → refund… marks Refunded), which is close to what the english
 * configuration matched. Everything that is not a <mark> tag is HTML-escaped, so the result can be
 * shown as HTML.
 */
import { queryTerms } from './segment.js';
import { setBounded } from '../bounded-map.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
// No "-": outside a character class the u flag rejects "\-", so "SKU-42" threw a SyntaxError.
const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** A crude English stem, only for highlighting: enough to mark refund in "refunds" and "refunded". */
function root(word: string): string {
  const w = word.toLowerCase();
  const cut = w.replace(/(?:ing|ed|es|s)$/, '');
  return cut.length >= 3 ? cut : w;
}

/**
 * A search highlights a title and a snippet per result with the same `q`: segmenting it (jieba) and
 * compiling the pattern once per distinct `q` rather than per call. matchAll copies the RegExp, so
 * sharing one is safe.
 */
const patternOf = new Map<string, RegExp | null>();
const PATTERNS_CACHED = 500;

function patternFor(q: string): RegExp | null {
  if (patternOf.has(q)) return patternOf.get(q)!;
  const patterns = queryTerms(q).map((t) =>
    t.kind === 'cjk' ? escapeRegex(t.text) : `(?<![\\p{Script=Latin}\\p{N}])${escapeRegex(root(t.text))}[\\p{Script=Latin}\\p{M}\\p{N}]*`,
  );
  const re = patterns.length ? new RegExp(patterns.join('|'), 'giu') : null;
  setBounded(patternOf, q, re, PATTERNS_CACHED);
  return re;
}

/** Non-empty matches of `q` in `text`, lazily: a snippet stops reading at the end of its window. */
function* matchRanges(text: string, q: string): Generator<[number, number]> {
  const re = patternFor(q);
  if (!re) return;
  for (const m of text.matchAll(re)) {
    if (m[0].length > 0) yield [m.index, m.index + m[0].length];
  }
}

/** Moves an index off the second half of a surrogate pair, so no emoji is cut in two. */
function safeIndex(text: string, i: number): number {
  const code = text.charCodeAt(i);
  return code >= 0xdc00 && code <= 0xdfff ? i + 1 : i;
}

/**
 * An HTML excerpt of `text` of about `maxLength` characters around the first match of `q`, with every
 * match in <mark>…</mark>. Without a match it is the start of the text. `matchIn` is the text the
 * matches are looked for in when it differs from what is shown (繁體 shown, its 简体 folding
 * matched): used only when it is as long as `text`, so positions carry over; else it is shown.
 */
export function snippet(shown: string, q: string, options: { maxLength?: number; matchIn?: string } = {}): string {
  const maxLength = Math.max(20, options.maxLength ?? 160);
  const matchIn = options.matchIn ?? shown;
  const text = matchIn.length === shown.length ? shown : matchIn;
  const ranges = matchRanges(matchIn, q);
  const first = ranges.next();
  let start = 0;
  if (!first.done && text.length > maxLength) {
    start = Math.max(0, Math.min(first.value[0] - Math.floor(maxLength / 4), text.length - maxLength));
  }
  start = safeIndex(text, start);
  const end = safeIndex(text, Math.min(text.length, start + maxLength));
  let html = start > 0 ? '…' : '';
  let at = start;
  for (let r = first; !r.done; r = ranges.next()) {
    const [from, to] = r.value;
    if (from >= end) break;
    if (to <= at) continue;
    const a = Math.max(from, at);
    const b = Math.min(to, end);
    html += `${escapeHtml(text.slice(at, a))}<mark>${escapeHtml(text.slice(a, b))}</mark>`;
    at = b;
  }
  html += escapeHtml(text.slice(at, end));
  return end < text.length ? `${html}…` : html;
}
