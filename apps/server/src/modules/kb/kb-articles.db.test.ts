import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, unique, type TestApp } from '../../test/test-app.js';
import { auditOf, createTicket, expectProblem, ok, type Json } from '../../test/factories.js';

let t: TestApp;
let admin: string;
type Person = Awaited<ReturnType<TestApp['staff']>>;
let agent: Person;
let supervisor: Person;
let customer: Awaited<ReturnType<TestApp['customerUser']>>;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.adminSession();
  [agent, supervisor] = [await t.staff('agent', { name: '王芳' }), await t.staff('supervisor')];
  customer = await t.customerUser();
});
afterAll(() => t.close());

const base = '/api/v1/kb/articles';
const missing = '0190a5b4-0000-7000-8000-000000000000';
const make = (auth: string, body: Record<string, unknown> = {}) =>
  ok(t, 201, 'POST', base, auth, { title: unique('如何申请退款 '), bodyHtml: '<h2>步骤</h2><p>登录后进入订单页面申请退款。</p>', ...body });
const publish = (id: string, auth = agent.cookie) => ok(t, 200, 'POST', `${base}/${id}/state`, auth, { state: 'published' });

describe('knowledge base: articles', () => {
  it('creates a draft as version 1, saves new versions, and audits', async () => {
    const a = await make(agent.cookie, { tags: ['退款', '订单', '退款'], locale: 'zh-CN' });
    expect(a).toMatchObject({ state: 'draft', visibility: 'public', version: 1, tags: ['退款', '订单'], author: { id: agent.id, name: '王芳' }, editable: true });
    expect(a.bodyHtml).toBe('<h2>步骤</h2><p>登录后进入订单页面申请退款。</p>');
    expect(a.bodyText).toBe('步骤\n登录后进入订单页面申请退款。');
    const saved = await ok(t, 200, 'PATCH', `${base}/${a.id}`, supervisor.cookie, { version: 1, bodyHtml: '<h2>步骤</h2><p>进入订单页面，点击申请退款。</p><table><tr><th>状态</th><td>时限</td></tr></table>' });
    expect(saved.version).toBe(2);
    expect(saved.bodyText).toContain('状态 | 时限');
    const versions = await ok(t, 200, 'GET', `${base}/${a.id}/versions`, agent.cookie);
    expect(versions.items.map((v: Json) => [v.version, v.authorName])).toEqual([[2, expect.any(String)], [1, '王芳']]);
    expect((await auditOf(t, a.id)).map((r) => r.action)).toEqual(expect.arrayContaining(['kb_article.created', 'kb_article.updated']));
  });

  it('refuses a stale save with 409 and the current article', async () => {
    const a = await make(agent.cookie);
    await ok(t, 200, 'PATCH', `${base}/${a.id}`, agent.cookie, { version: 1, title: '新标题' });
    const res = await t.call('PATCH', `${base}/${a.id}`, agent.cookie, { version: 1, title: '过时的标题' });
    const body = expectProblem(res, 409, 'conflict') as Json;
    expect(body.current.title).toBe('新标题');
  });

  it('moves through draft → published → archived → draft, and refuses other moves', async () => {
    const a = await make(agent.cookie);
    const p = await publish(a.id);
    expect(p).toMatchObject({ state: 'published', version: 2 });
    expect(p.publishedAt).not.toBeNull();
    expectProblem(await t.call('POST', `${base}/${a.id}/state`, agent.cookie, { state: 'bogus' }), 400, 'validation_failed', 'state');
    const archived = await ok(t, 200, 'POST', `${base}/${a.id}/state`, agent.cookie, { state: 'archived' });
    expect(archived.archivedAt).not.toBeNull();
    expectProblem(await t.call('POST', `${base}/${a.id}/state`, agent.cookie, { state: 'published' }), 409, 'conflict', 'state');
    expect((await ok(t, 200, 'POST', `${base}/${a.id}/state`, agent.cookie, { state: 'draft' })).state).toBe('draft');
    const empty = await make(agent.cookie, { bodyHtml: '<script>x</script>' });
    expectProblem(await t.call('POST', `${base}/${empty.id}/state`, agent.cookie, { state: 'published' }), 400, 'validation_failed', 'state');
  });

  it('diffs two versions side by side and restores an old one as a new version', async () => {
    const a = await make(agent.cookie, { title: '发票开具', bodyHtml: '<p>第一行</p><p>第二行</p><p>第三行</p>' });
    await ok(t, 200, 'PATCH', `${base}/${a.id}`, agent.cookie, { title: '电子发票开具', bodyHtml: '<p>第一行</p><p>第二行（改）</p><p>第三行</p><p>第四行</p>' });
    const diff = await ok(t, 200, 'GET', `${base}/${a.id}/diff?from=1&to=2`, agent.cookie);
    expect(diff.title).toEqual([
      { kind: 'removed', left: '发票开具', right: null, leftLine: 1, rightLine: null },
      { kind: 'added', left: null, right: '电子发票开具', leftLine: null, rightLine: 1 },
    ]);
    expect(diff.body.map((r: Json) => [r.kind, r.left ?? r.right])).toEqual([
      ['equal', '第一行'], ['removed', '第二行'], ['added', '第二行（改）'], ['equal', '第三行'], ['added', '第四行'],
    ]);
    const restored = await ok(t, 200, 'POST', `${base}/${a.id}/versions/1/restore`, agent.cookie);
    expect(restored).toMatchObject({ version: 3, title: '发票开具', bodyText: '第一行\n第二行\n第三行' });
    const v3 = await ok(t, 200, 'GET', `${base}/${a.id}/versions/3`, agent.cookie);
    expect(v3.note).toBe('restored from version 1');
    expectProblem(await t.call('GET', `${base}/${a.id}/versions/99`, agent.cookie), 404, 'not_found');
    expectProblem(await t.call('GET', `${base}/${a.id}/diff?from=1&to=abc`, agent.cookie), 400, 'validation_failed');
  });

  it('sanitizes script from article HTML on save and again on render', async () => {
    const a = await make(agent.cookie, {
      bodyHtml: '<h1 onclick="x()">标题</h1><script>alert(1)</script><img src="x" onerror="alert(1)"><img src="javascript:alert(1)" alt="坏图">'
        + '<a href="javascript:alert(1)">链接</a><iframe src="https://evil.example"></iframe><p style="color:red">正文</p>'
        + '<table><tr><td>单元格</td></tr></table><img src="https://cdn.example.com/a.png" alt="图">',
    });
    expect(a.bodyHtml).not.toMatch(/script|onerror|onclick|javascript|iframe|style=/i);
    expect(a.bodyHtml).toContain('<h1>标题</h1>');
    expect(a.bodyHtml).toContain('<td>单元格</td>');
    expect(a.bodyHtml).toContain('<img src="https://cdn.example.com/a.png" alt="图" />');
    // Written straight into the table (a compromised account, an old import): still clean when served.
    await t.database.exec(`update kb_articles set body_html = '<p>ok</p><script>alert(document.cookie)</script><img src=x onerror=alert(1)>' where id = '${a.id}'`);
    await publish(a.id);
    const read = await ok(t, 200, 'GET', `${base}/${a.id}`, customer.cookie);
    expect(read.bodyHtml).toBe('<p>ok</p>');
  });

  it('hides internal and unpublished articles, their versions and diffs from customers and visitors (404)', async () => {
    const internal = await make(agent.cookie, { visibility: 'internal' });
    await publish(internal.id);
    const draft = await make(agent.cookie);
    for (const auth of [customer.cookie, null]) {
      for (const id of [internal.id, draft.id]) {
        expectProblem(await t.call('GET', `${base}/${id}`, auth), 404, 'not_found');
        expectProblem(await t.call('GET', `${base}/${id}/versions`, auth), 404, 'not_found');
        expectProblem(await t.call('GET', `${base}/${id}/versions/1`, auth), 404, 'not_found');
        expectProblem(await t.call('GET', `${base}/${id}/diff?from=1&to=2`, auth), 404, 'not_found');
        expectProblem(await t.call('POST', `${base}/${id}/view`, auth), 404, 'not_found');
        expectProblem(await t.call('PUT', `${base}/${id}/vote`, auth, { helpful: true }), 404, 'not_found');
      }
    }
    const pub = await make(agent.cookie);
    await publish(pub.id);
    // Even a public article's history is staff-only.
    expectProblem(await t.call('GET', `${base}/${pub.id}/versions`, customer.cookie), 404, 'not_found');
    const listed = await ok(t, 200, 'GET', `${base}?limit=100`, null);
    const ids = listed.items.map((i: Json) => i.id);
    expect(ids).toContain(pub.id);
    expect(ids).not.toContain(internal.id);
    expect(ids).not.toContain(draft.id);
    expect((await ok(t, 200, 'GET', `${base}?visibility=internal&limit=100`, customer.cookie)).items).toEqual([]);
  });

  it('lets only staff write and only supervisors delete', async () => {
    expectProblem(await t.call('POST', base, customer.cookie, { title: 'x', bodyHtml: '<p>x</p>' }), 403, 'forbidden');
    expectProblem(await t.call('POST', base, null, { title: 'x' }), 401, 'unauthenticated');
    const a = await make(agent.cookie);
    expectProblem(await t.call('PATCH', `${base}/${a.id}`, customer.cookie, { title: 'y' }), 403, 'forbidden');
    expectProblem(await t.call('DELETE', `${base}/${a.id}`, agent.cookie), 403, 'forbidden');
    expect((await t.call('DELETE', `${base}/${a.id}`, supervisor.cookie)).statusCode).toBe(204);
    expectProblem(await t.call('GET', `${base}/${a.id}`, admin), 404, 'not_found');
    expectProblem(await t.call('PATCH', `${base}/${missing}`, agent.cookie, { title: 'y' }), 404, 'not_found');
  });

  it('validates fields by name', async () => {
    expectProblem(await t.call('POST', base, agent.cookie, { title: '', bodyHtml: '' }), 400, 'validation_failed', 'title');
    expectProblem(await t.call('POST', base, agent.cookie, { title: 'x', categoryId: missing }), 400, 'validation_failed', 'categoryId');
    expectProblem(await t.call('POST', base, agent.cookie, { title: 'x', relatedIds: [missing] }), 400, 'validation_failed', 'relatedIds');
    expectProblem(await t.call('POST', base, agent.cookie, { title: 'x', locale: 'fr' }), 400, 'validation_failed', 'locale');
    expectProblem(await t.call('POST', base, agent.cookie, { title: 'x', bodyHtml: 'a'.repeat(600_000) }), 400, 'validation_failed', 'bodyHtml');
    expectProblem(await t.call('POST', base, agent.cookie, { title: 'x\u0000' }), 400, 'validation_failed', 'title');
  });

  it('links translations, one per language, and lists related articles (manual and by tag)', async () => {
    const zh = await make(agent.cookie, { title: '密码重置', tags: ['账号'] });
    const en = await make(agent.cookie, { title: 'Reset your password', locale: 'en', translationOf: zh.id });
    expect(en.translationGroupId).toBe(zh.translationGroupId);
    expect(en.translations).toEqual([{ id: zh.id, locale: 'zh-CN', title: '密码重置', state: 'draft' }]);
    expectProblem(await t.call('POST', base, agent.cookie, { title: '又一个', locale: 'zh-CN', translationOf: zh.id }), 409, 'conflict', 'locale');
    const unlinked = await ok(t, 200, 'POST', `${base}/${en.id}/translation`, agent.cookie, { translationOf: null });
    expect(unlinked.translations).toEqual([]);
    await ok(t, 200, 'POST', `${base}/${en.id}/translation`, agent.cookie, { translationOf: zh.id });

    const sibling = await make(agent.cookie, { title: '修改登录密码', tags: ['账号'] });
    await publish(sibling.id);
    const manual = await make(agent.cookie, { title: '手工关联' });
    await publish(manual.id);
    const withRelated = await ok(t, 200, 'PATCH', `${base}/${zh.id}`, agent.cookie, { relatedIds: [manual.id] });
    expect(withRelated.related.slice(0, 2)).toEqual([{ id: manual.id, title: '手工关联', source: 'manual' }, { id: sibling.id, title: '修改登录密码', source: 'auto' }]);
    expectProblem(await t.call('PATCH', `${base}/${zh.id}`, agent.cookie, { relatedIds: [zh.id] }), 400, 'validation_failed', 'relatedIds');
  });
});

describe('knowledge base: categories', () => {
  const cats = '/api/v1/kb/categories';
  it('builds a tree, reorders and moves, refuses cycles, and deletes only empty categories', async () => {
    const root = await ok(t, 201, 'POST', cats, supervisor.cookie, { name: unique('售后 '), slug: unique('after-sales-').toLowerCase() });
    const a = await ok(t, 201, 'POST', cats, supervisor.cookie, { name: '退款', parentId: root.id });
    const b = await ok(t, 201, 'POST', cats, supervisor.cookie, { name: '发票', parentId: root.id });
    expect([a.position, b.position]).toEqual([0, 1]);
    const moved = await ok(t, 200, 'POST', `${cats}/${b.id}/move`, supervisor.cookie, { parentId: root.id, position: 0 });
    const kids = moved.items.filter((c: Json) => c.parentId === root.id).sort((x: Json, y: Json) => x.position - y.position);
    expect(kids.map((c: Json) => c.id)).toEqual([b.id, a.id]);
    expectProblem(await t.call('POST', `${cats}/${root.id}/move`, supervisor.cookie, { parentId: a.id, position: 0 }), 400, 'validation_failed', 'parentId');
    expectProblem(await t.call('POST', `${cats}/${root.id}/move`, supervisor.cookie, { parentId: root.id, position: 0 }), 400, 'validation_failed', 'parentId');
    expectProblem(await t.call('POST', cats, agent.cookie, { name: 'x' }), 403, 'forbidden');
    expectProblem(await t.call('POST', cats, supervisor.cookie, { name: 'dup', slug: root.slug }), 409, 'already_exists', 'slug');

    const art = await make(agent.cookie, { categoryId: a.id });
    expectProblem(await t.call('DELETE', `${cats}/${root.id}`, supervisor.cookie), 409, 'conflict');
    expectProblem(await t.call('DELETE', `${cats}/${a.id}`, supervisor.cookie), 409, 'conflict');
    // Customers see only categories (and their ancestors) holding published public articles.
    let visible = (await ok(t, 200, 'GET', cats, null)).items.map((c: Json) => c.id);
    expect(visible).not.toContain(a.id);
    await publish(art.id);
    visible = (await ok(t, 200, 'GET', cats, customer.cookie)).items.map((c: Json) => c.id);
    expect(visible).toEqual(expect.arrayContaining([a.id, root.id]));
    expect(visible).not.toContain(b.id);
    expect((await t.call('DELETE', `${cats}/${b.id}`, supervisor.cookie)).statusCode).toBe(204);
  });
});

describe('knowledge base: cases to knowledge', () => {
  it('drafts an article from a ticket and from a complaint lesson; refuses tickets the caller cannot see', async () => {
    const ticket = await createTicket(t, { subject: '发票抬头写错了怎么办', body: '<p>我的发票抬头写错了，需要重开。</p>' });
    await ok(t, 201, 'POST', `/api/v1/tickets/${ticket.id}/messages`, agent.cookie, { body: '<p>您好，请在订单页面点击“重开发票”。</p>' });
    const draft = await ok(t, 201, 'POST', `${base}/from-ticket`, agent.cookie, { ticketId: ticket.id, locale: 'zh-CN' });
    expect(draft).toMatchObject({ title: '发票抬头写错了怎么办', state: 'draft', version: 1 });
    expect(draft.bodyText).toContain('我的发票抬头写错了');
    expect(draft.bodyText).toContain('重开发票');
    expectProblem(await t.call('POST', `${base}/from-ticket`, agent.cookie, { ticketId: missing }), 404, 'not_found');
    expectProblem(await t.call('POST', `${base}/from-ticket`, customer.cookie, { ticketId: ticket.id }), 403, 'forbidden');

    const complaint = await createTicket(t, { type: 'complaint', subject: '快递员态度恶劣', complaint: { category: 'service_attitude', impact: 'normal', rootCause: '快递员培训不足', remedies: ['apology'] } });
    const lesson = await t.call('POST', `/api/v1/tickets/${complaint.id}/complaint/lesson`, admin);
    expect(lesson.statusCode, lesson.body).toBe(201);
    const { articleId } = lesson.json();
    const fromLesson = await ok(t, 200, 'GET', `${base}/${articleId}`, agent.cookie);
    expect(fromLesson).toMatchObject({ title: '快递员态度恶劣', state: 'draft', visibility: 'internal' });
    expect(fromLesson.bodyText).toContain('快递员培训不足');
  });

  it('records article uses from the API and from links in staff replies, and lists the tickets', async () => {
    const a = await make(agent.cookie);
    await publish(a.id);
    const t1 = await createTicket(t);
    const t2 = await createTicket(t);
    await ok(t, 200, 'POST', `${base}/${a.id}/uses`, agent.cookie, { ticketId: t1.id });
    await ok(t, 200, 'POST', `${base}/${a.id}/uses`, agent.cookie, { ticketId: t1.id });
    await ok(t, 201, 'POST', `/api/v1/tickets/${t2.id}/messages`, agent.cookie, { body: `<p>请参考 <a href="https://kefu.example.com/portal/kb/articles/${a.id}">这篇文章</a></p>` });
    const used = await ok(t, 200, 'GET', `${base}/${a.id}/tickets`, agent.cookie);
    expect(used.items.map((u: Json) => u.ticketId).sort()).toEqual([t1.id, t2.id].sort());
    expect((await ok(t, 200, 'GET', `${base}/${a.id}`, agent.cookie)).usedByTickets).toBe(2);
    expectProblem(await t.call('POST', `${base}/${a.id}/uses`, agent.cookie, { ticketId: missing }), 404, 'not_found');
    expectProblem(await t.call('POST', `${base}/${a.id}/uses`, customer.cookie, { ticketId: t1.id }), 403, 'forbidden');
    expectProblem(await t.call('GET', `${base}/${a.id}/tickets`, customer.cookie), 404, 'not_found');
  });
});
