import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { expectProblem, ok, type Json } from '../../test/factories.js';
import { multipart } from '../../test/multipart.js';

let t: TestApp;
let agent: string;
let customer: string;
const base = '/api/v1/kb/articles';

beforeAll(async () => {
  t = await createTestApp();
  agent = (await t.staff('agent')).cookie;
  customer = (await t.customerUser()).cookie;
});
afterAll(() => t.close());

async function published(body: Record<string, unknown> = {}) {
  const a = await ok(t, 201, 'POST', base, agent, { title: '发货时间说明', bodyHtml: '<p>付款后48小时内发货。</p>', ...body });
  await ok(t, 200, 'POST', `${base}/${a.id}/state`, agent, { state: 'published' });
  return a as Json;
}

/** An anonymous visitor: by address and user agent, or by the visitor cookie the server set. */
const anon = (ip: string, ua = 'Mozilla/5.0', cookie?: string) => (method: string, url: string, body?: unknown) =>
  t.app.inject({ method: method as 'POST', url, remoteAddress: ip, headers: { 'user-agent': ua, ...(cookie ? { cookie } : {}) }, ...(body !== undefined ? { payload: body as object } : {}) });

describe('knowledge base: views, votes, deflections', () => {
  it('counts a view once per visitor per day (signed in, anonymous by address, anonymous by cookie)', async () => {
    const a = await published();
    expect((await ok(t, 200, 'POST', `${base}/${a.id}/view`, customer)).viewCount).toBe(1);
    expect(await ok(t, 200, 'POST', `${base}/${a.id}/view`, customer)).toEqual({ viewCount: 1, counted: false });
    const first = await anon('10.0.0.1')('POST', `${base}/${a.id}/view`);
    expect(first.json()).toEqual({ viewCount: 2, counted: true });
    const cookie = String(first.headers['set-cookie']).split(';')[0]!;
    // Same visitor from another address, carrying the cookie: not counted again.
    expect((await anon('10.9.9.9', 'Other', cookie)('POST', `${base}/${a.id}/view`)).json().counted).toBe(false);
    expect((await anon('10.0.0.2')('POST', `${base}/${a.id}/view`)).json().counted).toBe(true);
    // A forged cookie that is not ours is ignored (the address counts).
    expect((await anon('10.0.0.2', 'Mozilla/5.0', 'kefu_visitor=../../etc')('POST', `${base}/${a.id}/view`)).json().counted).toBe(false);
    t.clock.advance(24 * 3600_000);
    expect((await ok(t, 200, 'POST', `${base}/${a.id}/view`, customer)).viewCount).toBe(4);
  });

  it('keeps one vote per visitor, changeable, with an optional comment', async () => {
    const a = await published();
    const url = `${base}/${a.id}/vote`;
    expect(await ok(t, 200, 'PUT', url, customer, { helpful: true })).toEqual({ helpfulCount: 1, notHelpfulCount: 0, myVote: { helpful: true, comment: null } });
    expect((await ok(t, 200, 'PUT', url, customer, { helpful: true })).helpfulCount).toBe(1);
    expect(await ok(t, 200, 'PUT', url, customer, { helpful: false, comment: '步骤不清楚' })).toEqual({ helpfulCount: 0, notHelpfulCount: 1, myVote: { helpful: false, comment: '步骤不清楚' } });
    await Promise.all([1, 2, 3].map(() => anon('10.1.1.1')('PUT', url, { helpful: true })));
    const read = await ok(t, 200, 'GET', `${base}/${a.id}`, customer);
    expect(read).toMatchObject({ helpfulCount: 1, notHelpfulCount: 1, myVote: { helpful: false, comment: '步骤不清楚' } });
    expectProblem(await t.call('PUT', url, customer, { helpful: 'yes' }), 400, 'validation_failed', 'helpful');
    expectProblem(await t.call('PUT', url, customer, { helpful: true, comment: 'x'.repeat(3000) }), 400, 'validation_failed', 'comment');
  });

  it('counts "this solved my problem" once per visitor per day, also when replayed', async () => {
    const a = await published();
    const url = `${base}/${a.id}/deflect`;
    expect(await ok(t, 200, 'POST', url, customer, { source: 'new_request', query: '多久发货' })).toEqual({ deflectionCount: 1, counted: true });
    expect(await ok(t, 200, 'POST', url, customer, { source: 'new_request' })).toEqual({ deflectionCount: 1, counted: false });
    expect((await anon('10.2.2.2')('POST', url, {})).json()).toEqual({ deflectionCount: 2, counted: true });
    expect((await ok(t, 200, 'GET', `${base}/${a.id}`, agent)).deflectionCount).toBe(2);
  });
});

describe('knowledge base: attachments and analytics', () => {
  it('serves attachments only to who may read the article, and counts downloads', async () => {
    const m = multipart([{ filename: '退货单.txt', data: '退货单模板\n订单号：' }]);
    const up = await t.app.inject({ method: 'POST', url: '/api/v1/kb/attachments', headers: { cookie: agent, ...m.headers }, payload: m.body });
    expect(up.statusCode, up.body).toBe(201);
    const file = up.json();
    // Not attached yet: only its uploader.
    expectProblem(await t.call('GET', file.url, customer), 404, 'not_found');
    const pub = await published({ attachmentIds: [file.id] });
    const got = await t.call('GET', file.url, null);
    expect(got.statusCode).toBe(200);
    expect(got.body).toContain('退货单模板');
    expect(got.headers['content-disposition']).toContain('attachment');
    expect((await ok(t, 200, 'GET', `${base}/${pub.id}`, customer)).attachments[0]).toMatchObject({ id: file.id, downloadCount: 1 });

    const m2 = multipart([{ filename: 'internal.txt', data: '内部资料' }]);
    const up2 = (await t.app.inject({ method: 'POST', url: '/api/v1/kb/attachments', headers: { cookie: agent, ...m2.headers }, payload: m2.body })).json();
    const internal = await published({ visibility: 'internal', attachmentIds: [up2.id] });
    for (const auth of [customer, null]) expectProblem(await t.call('GET', up2.url, auth), 404, 'not_found');
    expect((await t.call('GET', up2.url, agent)).statusCode).toBe(200);
    // Another article cannot take over an attachment.
    expectProblem(await t.call('PATCH', `${base}/${pub.id}`, agent, { attachmentIds: [file.id, up2.id] }), 400, 'validation_failed', 'attachmentIds');
    expect(internal.id).toBeTruthy();
  });

  it('reports views, downloads, votes, deflections per article and day, and searches without result', async () => {
    const a = await published({ title: '分析用文章' });
    await ok(t, 200, 'POST', `${base}/${a.id}/view`, customer);
    await ok(t, 200, 'PUT', `${base}/${a.id}/vote`, customer, { helpful: true });
    await ok(t, 200, 'POST', `${base}/${a.id}/deflect`, customer, {});
    for (let i = 0; i < 3; i++) await ok(t, 200, 'GET', `/api/v1/kb/search?q=${encodeURIComponent('量子纠缠')}`, customer);
    await ok(t, 200, 'GET', `/api/v1/kb/search?q=${encodeURIComponent('没有的东西 xyzzy')}`, null);
    const report = await ok(t, 200, 'GET', '/api/v1/kb/analytics', agent);
    const row = report.articles.find((r: Json) => r.id === a.id);
    expect(row).toMatchObject({ views: 1, helpful: 1, deflections: 1 });
    expect(report.missedSearches[0]).toMatchObject({ query: '量子纠缠', count: 3 });
    expect(report.missedSearches.map((m: Json) => m.query)).toContain('没有的东西 xyzzy');
    const today = report.daily[report.daily.length - 1];
    expect(today.searchesWithoutResult).toBeGreaterThanOrEqual(4);
    expect(report.daily).toHaveLength(30);
    expectProblem(await t.call('GET', '/api/v1/kb/analytics', customer), 403, 'forbidden');
    expectProblem(await t.call('GET', '/api/v1/kb/analytics?from=2026-02-01&to=2026-01-01', agent), 400, 'validation_failed', 'from');
  });

  it('records at most 20 searches a minute per visitor', async () => {
    for (let i = 0; i < 30; i++) await ok(t, 200, 'GET', `/api/v1/kb/search?q=${encodeURIComponent('不存在的话题甲')}`, customer);
    const report = await ok(t, 200, 'GET', '/api/v1/kb/analytics', agent);
    expect(report.missedSearches.find((m: Json) => m.query === '不存在的话题甲').count).toBeLessThanOrEqual(20);
  });
});
