import type { EvalQuery } from './queries.js';

export interface EvalReport {
  queries: number;
  recallAt3: number;
  mrr: number;
  /** Queries whose expected article was not in the top 3, with what came back instead. */
  misses: Array<{ q: string; kind: EvalQuery['kind']; expect: string; got: string[]; rank: number | null }>;
  byKind: Record<string, { n: number; recallAt3: number }>;
}

/**
 * recall@3: share of queries whose expected article is among the first 3 results; MRR: mean of
 * 1/rank of the expected article within the first 10 (0 when absent).
 */
export async function evaluate(queries: EvalQuery[], search: (q: EvalQuery) => Promise<string[]>): Promise<EvalReport> {
  let hits = 0;
  let rr = 0;
  const misses: EvalReport['misses'] = [];
  const kinds: Record<string, { n: number; hit: number }> = {};
  for (const query of queries) {
    const keys = (await search(query)).slice(0, 10);
    const index = keys.indexOf(query.expect);
    const rank = index >= 0 ? index + 1 : null;
    const kind = (kinds[query.kind] ??= { n: 0, hit: 0 });
    kind.n++;
    if (rank !== null && rank <= 3) {
      hits++;
      kind.hit++;
    } else misses.push({ q: query.q, kind: query.kind, expect: query.expect, got: keys.slice(0, 3), rank });
    if (rank !== null) rr += 1 / rank;
  }
  const byKind = Object.fromEntries(Object.entries(kinds).map(([k, v]) => [k, { n: v.n, recallAt3: v.hit / v.n }]));
  return { queries: queries.length, recallAt3: hits / queries.length, mrr: rr / queries.length, misses, byKind };
}
