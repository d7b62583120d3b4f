import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { ok } from '../../../test/factories.js';
import { evalArticles } from './corpus.js';
import { evaluate, type EvalReport } from './evaluate.js';
import { evalQueries } from './queries.js';

let t: TestApp;
const keyOf = new Map<string, string>();

beforeAll(async () => {
  t = await createTestApp();
  const editor = (await t.staff('agent')).cookie;
  for (const a of evalArticles) {
    const created = await ok(t, 201, 'POST', '/api/v1/kb/articles', editor, { title: a.title, bodyHtml: a.body, tags: a.tags, locale: a.locale });
    await ok(t, 200, 'POST', `/api/v1/kb/articles/${created.id}/state`, editor, { state: 'published' });
    keyOf.set(created.id, a.key);
  }
}, 120_000);
afterAll(() => t.close());

describe('knowledge-base search quality (evaluation set)', () => {
  let report: EvalReport;
  it('has at least 60 articles and 60 queries, each expecting a real article', () => {
    expect(evalArticles.length).toBeGreaterThanOrEqual(60);
    expect(evalQueries.length).toBeGreaterThanOrEqual(60);
    const keys = new Set(evalArticles.map((a) => a.key));
    expect(keys.size).toBe(evalArticles.length);
    for (const q of evalQueries) expect(keys.has(q.expect), q.q).toBe(true);
  });

  it('finds the expected article in the top 3 for at least 90% of queries (as an anonymous portal visitor)', async () => {
    report = await evaluate(evalQueries, async (q) => {
      const url = `/api/v1/kb/search?q=${encodeURIComponent(q.q)}&limit=10${q.lang ? `&lang=${q.lang}` : ''}`;
      const res = await ok(t, 200, 'GET', url, null);
      return (res.items as { id: string }[]).map((i) => keyOf.get(i.id) ?? i.id);
    });
    console.log(`kb eval: recall@3 ${report.recallAt3.toFixed(3)}  MRR ${report.mrr.toFixed(3)}  over ${report.queries} queries`);
    console.log(`kb eval by kind: ${JSON.stringify(report.byKind)}`);
    if (report.misses.length) console.log(`kb eval misses: ${JSON.stringify(report.misses, null, 1)}`);
    expect(report.recallAt3).toBeGreaterThanOrEqual(0.9);
  });
});
