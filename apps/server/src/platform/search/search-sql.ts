/*
 * Full-text search SQL that behaves the same on PGlite and on a PostgreSQL server.
 *
 * - Vectors: Han words (already cut by jieba, see segment.ts) go through the `simple` configuration
 *   — no stemming, no stop words, a word is kept as written; everything else goes through `english`,
 *   so refunds/refunded/refund meet. Both engines' parsers keep a space-separated Han word as one
 *   token whether LC_CTYPE is C or a UTF-8 locale (search.db.test.ts checks it on each engine).
 * - Queries: every term is quoted as a tsquery operand and passed as a bound parameter, so user input
 *   is never read as tsquery syntax, nor as SQL. Terms are ANDed; the last one is prefix-matched, for
 *   search-as-you-type (and, for an English word, also unstemmed, so "deliv" and "a" match words
 *   they begin even where stemming or stop words would hide them).
 * - An input with no searchable word gives `undefined`, not a query that matches nothing: the caller
 *   decides whether an empty search lists everything or nothing, and drizzle's and() skips undefined.
 */
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { customType } from 'drizzle-orm/pg-core';
import { indexText, queryTerms, type QueryTerm } from './segment.js';

export type SearchWeight = 'A' | 'B' | 'C' | 'D';

/** A `tsvector` column for drizzle tables; fill it with toSearchVector() and give it a GIN index. */
export const tsvector = customType<{ data: string; driverData: string }>({
  dataType: () => 'tsvector',
});

/** A tsvector of the parts, each part's words weighted (A highest, e.g. a ticket's subject). */
export function toSearchVector(parts: ReadonlyArray<{ text: string | null | undefined; weight: SearchWeight }>): SQL {
  if (parts.length === 0) return sql`''::tsvector`;
  return sql.join(
    parts.map(({ text, weight }) => {
      const { cjk, other } = indexText(text ?? '');
      return weightedVector(sql`${cjk}::text`, sql`${other}::text`, weight);
    }),
    sql` || `,
  );
}

/**
 * The vector of one part from its two halves as SQL expressions (see indexText), for statements
 * that take the halves as columns of many rows at once.
 */
export function weightedVector(cjk: SQLWrapper, other: SQLWrapper, weight: SearchWeight): SQL {
  if (!/^[ABCD]$/.test(weight)) throw new Error(`bad search weight ${String(weight)}`);
  return sql`setweight(to_tsvector('simple'::regconfig, ${cjk}) || to_tsvector('english'::regconfig, ${other}), ${sql.raw(`'${weight}'`)})`;
}

/** Quotes a term as one tsquery operand: inside quotes only ' and \ are special. */
function operand(term: string, prefix: boolean): string {
  return `'${term.replace(/\\/g, '\\\\').replace(/'/g, "''")}'${prefix ? ':*' : ''}`;
}

function tsquery(config: 'simple' | 'english', terms: QueryTerm[], prefix = false): SQL {
  const text = terms.map((t) => operand(t.text, prefix)).join(' & ');
  return sql`to_tsquery(${sql.raw(`'${config}'::regconfig`)}, ${text}::text)`;
}

/** The tsquery for a search box's input, or undefined when it holds no word to search for. */
export function toSearchQuery(q: string | null | undefined): SQL | undefined {
  const terms = queryTerms(q ?? '');
  const last = terms.pop();
  if (!last) return undefined;
  const parts: SQL[] = [];
  const cjk = terms.filter((t) => t.kind === 'cjk');
  const latin = terms.filter((t) => t.kind === 'latin');
  if (cjk.length) parts.push(tsquery('simple', cjk));
  if (latin.length) parts.push(tsquery('english', latin));
  parts.push(
    last.kind === 'cjk'
      ? tsquery('simple', [last], true)
      : sql`(${tsquery('english', [last], true)} || ${tsquery('simple', [last], true)})`,
  );
  return sql`(${sql.join(parts, sql` && `)})`;
}

/** `vector @@ query`, or undefined for an empty search (drizzle's and() leaves it out). */
export function searchMatches(vector: SQLWrapper, q: string | null | undefined): SQL | undefined {
  const query = toSearchQuery(q);
  return query ? sql`(${vector} @@ ${query})` : undefined;
}

/** A relevance score for ordering results, weights included; 0 for an empty search. */
export function searchRank(vector: SQLWrapper, q: string | null | undefined): SQL<number> {
  const query = toSearchQuery(q);
  return query ? sql<number>`ts_rank_cd(${vector}, ${query})` : sql<number>`0`;
}
