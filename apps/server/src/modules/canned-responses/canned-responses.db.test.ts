import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, unique, type TestApp } from '../../test/test-app.js';
import { auditOf, createToken, expectProblem, idsOf, ok, walkPages } from '../../test/factories.js';

let t: TestApp;
let admin: string;
type Person = Awaited<ReturnType<TestApp['staff']>>;
let agent: Person;
let otherAgent: Person;
let supervisor: Person;
let customer: Awaited<ReturnType<TestApp['customerUser']>>;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.adminSession();
  [agent, otherAgent, supervisor] = [await t.staff('agent', { name: '李娜' }), await t.staff('agent'), await t.staff('supervisor')];
  customer = await t.customerUser();
});
afterAll(() => t.close());

const base = '/api/v1/canned-responses';
const missing = '0190a5b4-0000-7000-8000-000000000000';
interface Dto {
  id: string; title: string; body: string; category: string | null; scope: 'personal' | 'shared'; shortcut: string | null;
  locale: string | null; usageCount: number; ownerId: string; ownerName: string | null; editable: boolean;
}
const make = (auth: string, body: Record<string, unknown> = {}) =>
  ok<Dto>(t, 201, 'POST', base, auth, { title: unique('话术 '), body: '<p>您好，{{customer.name}}</p>', ...body });

describe('canned responses: records', () => {
  it('creates, reads, updates and deletes a personal response, auditing each change', async () => {
    const created = await make(agent.cookie, { title: '退货说明', body: '<p>您好 <b>{{customer.name}}</b></p>', category: '退换货', shortcut: 'refund', locale: 'zh-CN' });
    expect(created).toMatchObject({
      title: '退货说明', body: '<p>您好 <strong>{{customer.name}}</strong></p>', text: '您好 {{customer.name}}', category: '退换货', scope: 'personal', shortcut: '/refund',
      locale: 'zh-CN', usageCount: 0, ownerId: agent.id, ownerName: '李娜', editable: true,
    });
    expect(await ok(t, 200, 'GET', `${base}/${created.id}`, agent.cookie)).toEqual(created);

    const updated = await ok<Dto>(t, 200, 'PATCH', `${base}/${created.id}`, agent.cookie, { title: '退货说明（新）', category: '', shortcut: null, locale: null });
    expect(updated).toMatchObject({ title: '退货说明（新）', category: null, shortcut: null, locale: null, body: created.body });
    expect(await idsOf(t, base, agent.cookie)).toContain(created.id);

    await ok(t, 204, 'DELETE', `${base}/${created.id}`, agent.cookie);
    expectProblem(await t.call('GET', `${base}/${created.id}`, agent.cookie), 404, 'not_found');
    // A replayed delete finds nothing left to delete.
    expectProblem(await t.call('DELETE', `${base}/${created.id}`, agent.cookie), 404, 'not_found');

    const audit = await auditOf(t, created.id);
    expect(audit.map((e) => e.action)).toEqual(['canned_response.created', 'canned_response.updated', 'canned_response.deleted']);
    expect(audit.every((e) => e.actorId === agent.id && e.entityType === 'canned_response')).toBe(true);
    expect(audit[1]!.before).toMatchObject({ title: '退货说明', category: '退换货', shortcut: '/refund' });
    expect(audit[1]!.after).toMatchObject({ title: '退货说明（新）', category: null, shortcut: null });
  });

  it('answers 404 for a response that does not exist and 400 for an id that is not one', async () => {
    expectProblem(await t.call('GET', `${base}/${missing}`, admin), 404, 'not_found');
    expectProblem(await t.call('PATCH', `${base}/${missing}`, admin, { title: 'x' }), 404, 'not_found');
    expectProblem(await t.call('DELETE', `${base}/${missing}`, admin), 404, 'not_found');
    expectProblem(await t.call('POST', `${base}/${missing}/render`, admin, {}), 404, 'not_found');
    expectProblem(await t.call('GET', `${base}/not-an-id`, admin), 400, 'validation_failed', 'id');
  });
});

describe('canned responses: who sees and changes what', () => {
  it('shows staff the shared responses and their own; admins see everyone\'s', async () => {
    const category = unique('物流 ');
    const mine = await make(agent.cookie, { category });
    const theirs = await make(otherAgent.cookie, { category });
    const supervisors = await make(supervisor.cookie, { category });
    const shared = await make(supervisor.cookie, { category, scope: 'shared' });
    const list = (auth: string) => idsOf(t, `${base}?category=${encodeURIComponent(category)}`, auth);

    expect(await list(agent.cookie)).toEqual([shared.id, mine.id]);
    expect(await list(otherAgent.cookie)).toEqual([shared.id, theirs.id]);
    expect(await list(supervisor.cookie)).toEqual([shared.id, supervisors.id]);
    expect(await list(admin)).toEqual([shared.id, supervisors.id, theirs.id, mine.id]);
    expect(await idsOf(t, `${base}?category=${encodeURIComponent(category)}&ownerId=${agent.id}`, admin)).toEqual([mine.id]);
    // Filtering by another's id reveals nothing a non-admin could not already see.
    expect(await idsOf(t, `${base}?category=${encodeURIComponent(category)}&ownerId=${otherAgent.id}`, agent.cookie)).toEqual([]);

    const read = async (auth: string, id: string) => (await t.call('GET', `${base}/${id}`, auth)).statusCode;
    expect([await read(agent.cookie, theirs.id), await read(supervisor.cookie, theirs.id), await read(admin, theirs.id)]).toEqual([404, 404, 200]);
    expect([await read(agent.cookie, shared.id), await read(otherAgent.cookie, shared.id)]).toEqual([200, 200]);
    expect((await ok<Dto>(t, 200, 'GET', `${base}/${shared.id}`, agent.cookie)).editable).toBe(false);
    expect((await ok<Dto>(t, 200, 'GET', `${base}/${shared.id}`, supervisor.cookie)).editable).toBe(true);
    expect((await ok<Dto>(t, 200, 'GET', `${base}/${theirs.id}`, admin)).editable).toBe(true);
  });

  it('keeps customers out: 403 on lists and writes, 404 on a record', async () => {
    const shared = await make(supervisor.cookie, { scope: 'shared' });
    expectProblem(await t.call('GET', base, customer.cookie), 403, 'forbidden');
    expectProblem(await t.call('GET', `${base}/categories`, customer.cookie), 403, 'forbidden');
    expectProblem(await t.call('POST', base, customer.cookie, { title: 'x', body: 'y' }), 403, 'forbidden');
    expectProblem(await t.call('GET', `${base}/${shared.id}`, customer.cookie), 404, 'not_found');
    expectProblem(await t.call('POST', `${base}/${shared.id}/render`, customer.cookie, {}), 404, 'not_found');
    expectProblem(await t.call('PATCH', `${base}/${shared.id}`, customer.cookie, { title: 'x' }), 403, 'forbidden');
    expectProblem(await t.call('DELETE', `${base}/${shared.id}`, customer.cookie), 403, 'forbidden');
    expectProblem(await t.call('GET', base, null), 401, 'unauthenticated');
  });

  it('lets only supervisors and admins keep shared responses', async () => {
    expectProblem(await t.call('POST', base, agent.cookie, { title: 'x', body: 'y', scope: 'shared' }), 403, 'forbidden');
    const shared = await make(supervisor.cookie, { scope: 'shared' });
    const adminShared = await make(admin, { scope: 'shared' });
    expectProblem(await t.call('PATCH', `${base}/${shared.id}`, agent.cookie, { title: '改' }), 403, 'forbidden');
    expectProblem(await t.call('DELETE', `${base}/${shared.id}`, agent.cookie), 403, 'forbidden');
    const own = await make(agent.cookie);
    expectProblem(await t.call('PATCH', `${base}/${own.id}`, agent.cookie, { scope: 'shared' }), 403, 'forbidden');
    expect((await ok<Dto>(t, 200, 'GET', `${base}/${own.id}`, agent.cookie)).scope).toBe('personal');

    // Supervisors manage every shared response, whoever wrote it, and may publish their own.
    expect(await ok(t, 200, 'PATCH', `${base}/${adminShared.id}`, supervisor.cookie, { title: '主管改过' })).toMatchObject({ title: '主管改过', ownerId: expect.any(String) });
    const published = await ok<Dto>(t, 200, 'PATCH', `${base}/${(await make(supervisor.cookie)).id}`, supervisor.cookie, { scope: 'shared' });
    expect(published.scope).toBe('shared');
    expect(await idsOf(t, base, agent.cookie)).toContain(published.id);
    await ok(t, 204, 'DELETE', `${base}/${shared.id}`, supervisor.cookie);

    // An API token acts with its limited role even when its owner is an admin.
    const { bearer } = await createToken(t, admin, { role: 'agent' });
    expectProblem(await t.call('POST', base, bearer, { title: 'x', body: 'y', scope: 'shared' }), 403, 'forbidden');
    expectProblem(await t.call('PATCH', `${base}/${adminShared.id}`, bearer, { title: 'x' }), 403, 'forbidden');
  });

  it('lets admins manage another person\'s personal responses (offboarding); supervisors may not', async () => {
    const theirs = await make(otherAgent.cookie, { shortcut: '/bye' });
    expectProblem(await t.call('PATCH', `${base}/${theirs.id}`, supervisor.cookie, { title: 'x' }), 404, 'not_found');
    expectProblem(await t.call('DELETE', `${base}/${theirs.id}`, supervisor.cookie), 404, 'not_found');
    expectProblem(await t.call('PATCH', `${base}/${theirs.id}`, agent.cookie, { title: 'x' }), 404, 'not_found');
    const moved = await ok<Dto>(t, 200, 'PATCH', `${base}/${theirs.id}`, admin, { scope: 'shared', title: '离职交接' });
    expect(moved).toMatchObject({ scope: 'shared', title: '离职交接', ownerId: otherAgent.id, shortcut: '/bye' });
    expect(await idsOf(t, base, agent.cookie)).toContain(theirs.id);
    const other = await make(otherAgent.cookie);
    await ok(t, 204, 'DELETE', `${base}/${other.id}`, admin);
    expect((await auditOf(t, other.id)).at(-1)).toMatchObject({ action: 'canned_response.deleted', actorName: expect.any(String) });
  });
});

describe('canned responses: shortcuts', () => {
  it('answers 409 naming shortcut for a shortcut the owner already uses, in any case', async () => {
    const shortcut = `/${unique('refund')}`;
    await make(agent.cookie, { shortcut });
    expectProblem(await t.call('POST', base, agent.cookie, { title: 'x', body: 'y', shortcut: shortcut.toUpperCase() }), 409, 'already_exists', 'shortcut');
    expectProblem(await t.call('POST', base, agent.cookie, { title: 'x', body: 'y', shortcut: shortcut.slice(1) }), 409, 'already_exists', 'shortcut');
    // Another owner may use the same one.
    expect((await make(otherAgent.cookie, { shortcut })).shortcut).toBe(shortcut);
    const second = await make(agent.cookie, { shortcut: `${shortcut}2` });
    expectProblem(await t.call('PATCH', `${base}/${second.id}`, agent.cookie, { shortcut }), 409, 'already_exists', 'shortcut');
    expect((await ok<Dto>(t, 200, 'GET', `${base}/${second.id}`, agent.cookie)).shortcut).toBe(`${shortcut}2`);
    expect((await make(agent.cookie, { shortcut: '/退款' })).shortcut).toBe('/退款');
  });

  it('refuses shortcuts that are not a slash and a word', async () => {
    for (const shortcut of ['/退 款', '/a/b', '/<script>', '//', 'x'.repeat(40), 42]) {
      expectProblem(await t.call('POST', base, agent.cookie, { title: 'x', body: 'y', shortcut }), 400, 'validation_failed', 'shortcut');
    }
  });
});

describe('canned responses: rendering', () => {
  it('fills placeholders from the context and the caller, escaping values and keeping unknown ones', async () => {
    const response = await make(supervisor.cookie, {
      scope: 'shared',
      body: '<p>{{customer.name}} 您好，工单 #{{ticket.number}}「{{ticket.subject}}」已收到。{{organization.name}} {{customer.email}}</p><p>{{agent.name}} {{ticket.eta}}</p>',
    });
    const rendered = await ok(t, 200, 'POST', `${base}/${response.id}/render`, agent.cookie, {
      context: { customer: { name: '<img src=x onerror=alert(1)>', email: 'a@example.com' }, ticket: { number: 10042, subject: '退货 & 换货' }, organization: { name: '华为' } },
    });
    expect(rendered).toEqual({
      html: '<p>&lt;img src=x onerror=alert(1)&gt; 您好，工单 #10042「退货 &amp; 换货」已收到。华为 a@example.com</p><p>李娜 {{ticket.eta}}</p>',
      text: '<img src=x onerror=alert(1)> 您好，工单 #10042「退货 & 换货」已收到。华为 a@example.com\n\n李娜 {{ticket.eta}}',
      unresolved: ['ticket.eta'],
    });
    await ok(t, 200, 'POST', `${base}/${response.id}/render`, otherAgent.cookie, {});
    expect((await ok<Dto>(t, 200, 'GET', `${base}/${response.id}`, agent.cookie)).usageCount).toBe(2);
  });

  it('will not let a caller pose as another agent, and checks the context like any input', async () => {
    const response = await make(agent.cookie, { body: '<p>{{agent.name}}</p>' });
    const url = `${base}/${response.id}/render`;
    expectProblem(await t.call('POST', url, agent.cookie, { context: { agent: { name: '老板' } } }), 400, 'validation_failed', 'context.agent');
    expectProblem(await t.call('POST', url, agent.cookie, { context: { customer: { name: 42 } } }), 400, 'validation_failed', 'context.customer.name');
    expectProblem(await t.call('POST', url, agent.cookie, { context: { customer: { name: 'x'.repeat(501) } } }), 400, 'validation_failed', 'context.customer.name');
    expectProblem(await t.call('POST', url, agent.cookie, { context: 'x' }), 400, 'validation_failed', 'context');
    expectProblem(await t.call('POST', url, otherAgent.cookie, {}), 404, 'not_found');
    expect((await ok<Dto>(t, 200, 'GET', `${base}/${response.id}`, agent.cookie)).usageCount).toBe(0);
  });
});

describe('canned responses: preview', () => {
  it('renders a draft with the same sanitizing and escaping, storing and counting nothing', async () => {
    const before = (await ok(t, 200, 'GET', `${base}?limit=100`, admin)).items.length;
    const out = await ok(t, 200, 'POST', `${base}/preview`, agent.cookie, {
      body: '<p onclick="x()">{{customer.name}}，{{agent.name}} {{ticket.due}}</p><script>alert(1)</script>',
      context: { customer: { name: '<b>王</b>' } },
    });
    expect(out).toEqual({ html: '<p>&lt;b&gt;王&lt;/b&gt;，李娜 {{ticket.due}}</p>', text: '<b>王</b>，李娜 {{ticket.due}}', unresolved: ['ticket.due'] });
    expect((await ok(t, 200, 'GET', `${base}?limit=100`, admin)).items.length).toBe(before);
    expectProblem(await t.call('POST', `${base}/preview`, customer.cookie, { body: 'x' }), 403, 'forbidden');
    expectProblem(await t.call('POST', `${base}/preview`, agent.cookie, { body: 'x'.repeat(50_001) }), 400, 'validation_failed', 'body');
    expectProblem(await t.call('POST', `${base}/preview`, agent.cookie, { body: 'x', context: { agent: { name: '老板' } } }), 400, 'validation_failed', 'context.agent');
  });
});

describe('canned responses: hostile input', () => {
  it('stores bodies only after the sanitizer removed scripts, handlers, javascript: links and frames', async () => {
    const body = '<p onclick="x()">hi<script>alert(1)</script><img src=x onerror=alert(2)></p><a href="javascript:alert(3)">a</a><a href="https://example.com">b</a><iframe src="https://evil.example">f</iframe><style>p{}</style>';
    const created = await make(agent.cookie, { body });
    expect(created.body).toBe('<p>hi</p><a>a</a><a href="https://example.com" rel="noopener noreferrer">b</a>');
    const patched = await ok<Dto>(t, 200, 'PATCH', `${base}/${created.id}`, agent.cookie, { body: '<p>ok</p><svg onload=alert(1)></svg>' });
    expect(patched.body).toBe('<p>ok</p>');
    expectProblem(await t.call('POST', base, agent.cookie, { title: 'x', body: '<script>alert(1)</script>' }), 400, 'validation_failed', 'body');
    expectProblem(await t.call('PATCH', `${base}/${created.id}`, agent.cookie, { body: '<p> </p><iframe>x</iframe>' }), 400, 'validation_failed', 'body');
  });

  it('answers 400 naming the field for oversized, malformed and unknown input', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ title: 'x'.repeat(10_000), body: 'y' }, 'title'],
      [{ title: 'x', body: 'y'.repeat(50_001) }, 'body'],
      [{ title: '', body: 'y' }, 'title'],
      [{ title: 'x', body: '' }, 'body'],
      [{ title: 'x', body: 42 }, 'body'],
      [{ title: { $ne: null }, body: 'y' }, 'title'],
      [{ title: 'x\u0000', body: 'y' }, 'title'],
      [{ title: 'x', body: 'y', scope: 'public' }, 'scope'],
      [{ title: 'x', body: 'y', locale: 'fr' }, 'locale'],
      [{ title: 'x', body: 'y', category: 'c'.repeat(51) }, 'category'],
      [{ title: 'x', body: 'y', ownerId: agent.id }, 'ownerId'],
      [{ title: 'x', body: 'y', usageCount: 99 }, 'usageCount'],
    ];
    for (const [body, field] of cases) expectProblem(await t.call('POST', base, agent.cookie, body), 400, 'validation_failed', field);
    const own = await make(agent.cookie);
    expectProblem(await t.call('PATCH', `${base}/${own.id}`, agent.cookie, { title: 'x'.repeat(10_000) }), 400, 'validation_failed', 'title');
    expectProblem(await t.call('PATCH', `${base}/${own.id}`, agent.cookie, { ownerId: otherAgent.id }), 400, 'validation_failed', 'ownerId');
    expectProblem(await t.call('POST', base, agent.cookie, '{"title":'), 400, 'malformed_json');
    for (const query of ['scope=all', 'locale=fr', 'ownerId=1', 'limit=0', `q=${'x'.repeat(201)}`, 'cursor=abc']) {
      expect((await t.call('GET', `${base}?${query}`, agent.cookie)).statusCode, query).toBe(400);
    }
  });
});

describe('canned responses: search, filters, categories', () => {
  it('searches title, body text and shortcut, Chinese included, with % and _ taken literally', async () => {
    const marker = unique('m');
    const byTitle = await make(agent.cookie, { title: `投诉安抚 ${marker}` });
    const byBody = await make(agent.cookie, { body: `<p>物流延误请谅解 ${marker}</p>` });
    const byShortcut = await make(agent.cookie, { shortcut: `/${marker}x` });
    const odd = await make(agent.cookie, { title: `50%_off ${marker}` });
    const search = (q: string) => idsOf(t, `${base}?q=${encodeURIComponent(q)}`, agent.cookie);
    expect(await search(marker)).toEqual([odd.id, byShortcut.id, byBody.id, byTitle.id]);
    expect(await search(`投诉安抚 ${marker}`)).toEqual([byTitle.id]);
    expect(await search(`延误请谅解 ${marker}`.toUpperCase())).toEqual([byBody.id]);
    expect(await search(`/${marker}X`)).toEqual([byShortcut.id]);
    expect(await search(`50%_off ${marker}`)).toEqual([odd.id]);
    // Markup is not content: a tag name matches nothing.
    expect(await search(`p>物流延误`)).toEqual([]);
  });

  it('filters by scope and by language (a response for any language matches both)', async () => {
    const category = unique('语言 ');
    const zh = await make(supervisor.cookie, { category, locale: 'zh-CN', scope: 'shared' });
    const en = await make(supervisor.cookie, { category, locale: 'en' });
    const any = await make(supervisor.cookie, { category });
    const list = (query: string) => idsOf(t, `${base}?category=${encodeURIComponent(category)}&${query}`, supervisor.cookie);
    expect(await list('locale=en')).toEqual([any.id, en.id]);
    expect(await list('locale=zh-CN')).toEqual([any.id, zh.id]);
    expect(await list('scope=shared')).toEqual([zh.id]);
    expect(await list('scope=personal')).toEqual([any.id, en.id]);
  });

  it('walks every page once, newest first', async () => {
    const category = unique('分页 ');
    const made: string[] = [];
    for (let i = 0; i < 12; i++) made.push((await make(agent.cookie, { category })).id);
    const { items } = await walkPages<Dto>(t, `${base}?category=${encodeURIComponent(category)}`, agent.cookie, 5);
    expect(items.map((x) => x.id)).toEqual([...made].reverse());
  });

  it('counts categories among the responses the caller can see', async () => {
    const a = unique('退换货 ');
    const b = unique('投诉 ');
    await make(agent.cookie, { category: a });
    await make(agent.cookie, { category: a });
    await make(supervisor.cookie, { category: b, scope: 'shared' });
    await make(otherAgent.cookie, { category: b });
    const counts = async (auth: string) =>
      Object.fromEntries(((await ok(t, 200, 'GET', `${base}/categories`, auth)).items as { category: string; count: number }[])
        .filter((c) => c.category === a || c.category === b).map((c) => [c.category, c.count]));
    expect(await counts(agent.cookie)).toEqual({ [a]: 2, [b]: 1 });
    expect(await counts(otherAgent.cookie)).toEqual({ [b]: 2 });
    expect(await counts(admin)).toEqual({ [a]: 2, [b]: 2 });
  });
});
