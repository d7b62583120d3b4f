import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, PASSWORD, unique, type TestApp } from './test-app.js';
import { createCustomer, createOrganization, createStaffUser, createTeam, expectNoStack, expectProblem, idsOf, ok, type Json } from './factories.js';

/**
 * What a careless or malicious client can send. Every answer is a 4xx problem+json naming what was
 * wrong, never a 500, never a stack trace, and text of any kind comes back exactly as it went in.
 */
let t: TestApp;
let admin: string;
let ids: { user: string; team: string; organization: string; customer: string };
const seen: { what: string; res: LightMyRequestResponse }[] = [];

/** `t.call`, remembered so the last test can check every response this file provoked. */
async function call(method: string, url: string, auth: string | null, body?: unknown, headers?: Record<string, string>) {
  const res = await t.call(method, url, auth, body, headers);
  seen.push({ what: `${method} ${url.slice(0, 120)}`, res });
  return res;
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.adminSession();
  ids = {
    user: (await createStaffUser(t)).id,
    team: (await createTeam(t)).id,
    organization: (await createOrganization(t)).id,
    customer: (await createCustomer(t)).id,
  };
});
afterAll(() => t.close());

/** Every endpoint that takes a JSON body, with a body it would accept. */
const writes = (): [string, string, Record<string, unknown>][] => [
  ['POST', '/api/v1/auth/login', { email: 'someone@example.com', password: 'x' }],
  ['PATCH', '/api/v1/me', { locale: 'zh-CN' }],
  ['POST', '/api/v1/users', { email: `${unique('h')}@example.com`, name: '某人', role: 'agent', password: PASSWORD }],
  ['PATCH', `/api/v1/users/${ids.user}`, { away: false }],
  ['POST', '/api/v1/teams', { name: unique('组 ') }],
  ['PATCH', `/api/v1/teams/${ids.team}`, { description: '' }],
  ['POST', '/api/v1/organizations', { name: '公司' }],
  ['PATCH', `/api/v1/organizations/${ids.organization}`, { notes: '' }],
  ['POST', '/api/v1/customers', { name: '客户' }],
  ['PATCH', `/api/v1/customers/${ids.customer}`, { notes: '' }],
  ['POST', '/api/v1/tokens', { name: '令牌' }],
];
const lists = ['/api/v1/users', '/api/v1/teams', '/api/v1/organizations', '/api/v1/customers', '/api/v1/audit-events'];

describe('malformed requests', () => {
  it('answers 400 malformed_json to bodies that are not JSON', async () => {
    for (const [method, url] of writes()) {
      for (const body of ['{"name":', "{'name': 'x'}", '{name: 1}', '{"a":1}}', 'undefined', '\u0000']) {
        expectProblem(await call(method, url, admin, body), 400, 'malformed_json');
      }
    }
  });

  it('answers 400 naming the field for values of the wrong type', async () => {
    const cases: [string, string, unknown, string][] = [
      ['POST', '/api/v1/users', { email: 'a@example.com', name: 42, role: 'agent', password: PASSWORD }, 'name'],
      ['POST', '/api/v1/users', { email: 'a@example.com', name: 'x', role: ['admin'], password: PASSWORD }, 'role'],
      ['PATCH', `/api/v1/users/${ids.user}`, { active: 'false' }, 'active'],
      ['PATCH', `/api/v1/users/${ids.user}`, { teamIds: [42] }, 'teamIds.0'],
      ['POST', '/api/v1/teams', { name: { $ne: null } }, 'name'],
      ['POST', '/api/v1/teams', { name: 'x', memberIds: 'all' }, 'memberIds'],
      ['POST', '/api/v1/organizations', { name: 'x', sharedTickets: 1 }, 'sharedTickets'],
      ['POST', '/api/v1/organizations', { name: 'x', tags: [1] }, 'tags.0'],
      ['POST', '/api/v1/customers', { name: 'x', emails: 'a@example.com' }, 'emails'],
      ['POST', '/api/v1/customers', { name: 'x', organizationId: 5 }, 'organizationId'],
      ['PATCH', `/api/v1/customers/${ids.customer}`, { notes: null }, 'notes'],
      ['POST', '/api/v1/tokens', { name: 'x', expiresInDays: '30' }, 'expiresInDays'],
      ['POST', '/api/v1/auth/login', { email: ['a@example.com'], password: 'x' }, 'email'],
      ['PATCH', '/api/v1/me', { locale: 'fr' }, 'locale'],
    ];
    for (const [method, url, body, field] of cases) expectProblem(await call(method, url, admin, body), 400, 'validation_failed', field);
    for (const query of ['limit=abc', 'limit=0', 'limit=101', 'limit=1.5', 'limit=-1']) {
      expectProblem(await call('GET', `/api/v1/customers?${query}`, admin), 400, 'validation_failed', 'limit');
    }
    expectProblem(await call('GET', '/api/v1/users?active=yes', admin), 400, 'validation_failed', 'active');
    expectProblem(await call('GET', '/api/v1/users?q=a&q=b', admin), 400, 'validation_failed', 'q');
    expectProblem(await call('GET', '/api/v1/customers?organizationId=1', admin), 400, 'validation_failed', 'organizationId');
    for (const [field, at] of [['from', '0000-01-01T00:00:00Z'], ['from', '0001-01-01T00:00:00+14:00'], ['to', '9999-12-31T23:59:59-14:00'], ['to', 'tomorrow']]) {
      expectProblem(await call('GET', `/api/v1/audit-events?${field}=${encodeURIComponent(at!)}`, admin), 400, 'validation_failed', field);
    }
    expect((await call('GET', `/api/v1/audit-events?from=${encodeURIComponent('9999-12-31T23:59:59Z')}`, admin)).statusCode).toBe(200);
  });

  it('answers 400 naming the field for fields the endpoint does not know', async () => {
    for (const [method, url, body] of writes()) {
      expectProblem(await call(method, url, admin, { ...body, isAdmin: true }), 400, 'validation_failed', 'isAdmin');
    }
    const sneaky: [string, string, Record<string, unknown>, string][] = [
      ['PATCH', `/api/v1/users/${ids.user}`, { passwordHash: 'x' }, 'passwordHash'],
      ['POST', '/api/v1/teams', { name: 'x', id: ids.team }, 'id'],
      ['POST', '/api/v1/organizations', { name: 'x', customerCount: 9 }, 'customerCount'],
      ['PATCH', `/api/v1/customers/${ids.customer}`, { createdAt: '2020-01-01T00:00:00Z' }, 'createdAt'],
      ['POST', '/api/v1/tokens', { name: 'x', secret: 'mine' }, 'secret'],
    ];
    for (const [method, url, body, field] of sneaky) expectProblem(await call(method, url, admin, body), 400, 'validation_failed', field);
    for (const url of lists) expectProblem(await call('GET', `${url}?foo=1`, admin), 400, 'validation_failed', 'foo');
  });

  it('answers 413 payload_too_large to a 10 MB body', async () => {
    const huge = JSON.stringify({ name: 'x', notes: 'x'.repeat(10 * 1024 * 1024) });
    expectProblem(await call('POST', '/api/v1/customers', admin, huge), 413, 'payload_too_large');
    expectProblem(await call('PATCH', `/api/v1/organizations/${ids.organization}`, admin, 'y'.repeat(10 * 1024 * 1024)), 413, 'payload_too_large');
  });

  it('answers 415 to bodies that are not declared as JSON', async () => {
    for (const type of ['text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/octet-stream']) {
      for (const [method, url, body] of writes()) {
        const res = await call(method, url, admin, JSON.stringify(body), { 'content-type': type });
        expect([type, url, res.statusCode]).toEqual([type, url, 415]);
        expectProblem(res, 415, 'unsupported_media_type');
      }
    }
  });

  it('answers a JSON 404 route_not_found to unknown routes and methods', async () => {
    for (const [method, url] of [['GET', '/api/v1/nope'], ['GET', '/api/v2/users'], ['PUT', '/api/v1/teams'], ['DELETE', '/api/v1/customers/' + ids.customer], ['POST', '/api/v1/users/x/y'], ['GET', '/nope']]) {
      expectProblem(await call(method!, url!, admin), 404, 'route_not_found');
      expectProblem(await call(method!, url!, null), 404, 'route_not_found');
    }
  });

  it('answers 400 naming id to a path id that is not a uuid', async () => {
    for (const bad of ['123', 'not-a-uuid', encodeURIComponent("'; drop table users; --"), '%E5%AE%A2%E6%9C%8D', `${ids.user}x`]) {
      for (const [method, base] of [['GET', 'users'], ['PATCH', 'users'], ['GET', 'teams'], ['DELETE', 'teams'], ['GET', 'organizations'], ['DELETE', 'organizations'], ['GET', 'customers'], ['DELETE', 'tokens']]) {
        expectProblem(await call(method!, `/api/v1/${base}/${bad}`, admin, method === 'PATCH' ? {} : undefined), 400, 'validation_failed', 'id');
      }
    }
  });

  it('answers 400 naming cursor to a cursor it did not hand out', async () => {
    const forged = [
      'garbage', Buffer.from('not-a-uuid').toString('base64url'), Buffer.from(`${ids.user}' or 1=1`).toString('base64url'),
      'x'.repeat(201), '%00', '////',
    ];
    for (const url of lists) {
      for (const cursor of forged) {
        expectProblem(await call('GET', `${url}?cursor=${encodeURIComponent(cursor)}`, admin), 400, 'validation_failed', 'cursor');
      }
    }
  });
});

describe('text of every kind', () => {
  const nasty = ["'; drop table users; --", '%', '_', '\\', '客服😀', 'Robert"); DELETE FROM customers; --', '$1 $$ ::text', '<script>alert(1)</script>', 'ñ é ß ω 𠀋'];

  it('round-trips SQL metacharacters, Chinese and emoji through every text field and finds them by search', async () => {
    for (const v of nasty) {
      const tag = v.slice(0, 50);
      const user = await ok(t, 201, 'POST', '/api/v1/users', admin, { email: `${unique('n')}@example.com`, name: v, role: 'agent', password: PASSWORD });
      const team = await ok(t, 201, 'POST', '/api/v1/teams', admin, { name: `${v} ${unique()}`, description: v });
      const org = await ok(t, 201, 'POST', '/api/v1/organizations', admin, { name: v, notes: v, tags: [tag] });
      const customer = await ok(t, 201, 'POST', '/api/v1/customers', admin, { name: v, notes: `${v}\n${v}`, tags: [tag], organizationId: org.id });
      expect(await ok(t, 200, 'GET', `/api/v1/users/${user.id}`, admin)).toMatchObject({ name: v });
      expect(await ok(t, 200, 'GET', `/api/v1/teams/${team.id}`, admin)).toMatchObject({ name: team.name, description: v });
      expect(await ok(t, 200, 'GET', `/api/v1/organizations/${org.id}`, admin)).toMatchObject({ name: v, notes: v, tags: [tag] });
      expect(await ok(t, 200, 'GET', `/api/v1/customers/${customer.id}`, admin)).toMatchObject({ name: v, notes: `${v}\n${v}`, tags: [tag], organizationName: v });

      const patched = await ok(t, 200, 'PATCH', `/api/v1/customers/${customer.id}`, admin, { notes: `${v}${v}`, tags: [tag, '回访'] });
      expect(patched).toMatchObject({ notes: `${v}${v}`, tags: [tag, '回访'] });

      const q = `?q=${encodeURIComponent(v)}`;
      expect(await idsOf(t, `/api/v1/users${q}`, admin)).toContain(user.id);
      expect(await idsOf(t, `/api/v1/teams${q}`, admin)).toContain(team.id);
      expect(await idsOf(t, `/api/v1/organizations${q}`, admin)).toContain(org.id);
      expect(await idsOf(t, `/api/v1/customers${q}`, admin)).toContain(customer.id);
      expect(await idsOf(t, `/api/v1/customers?tag=${encodeURIComponent(tag)}`, admin)).toContain(customer.id);
    }
    expect((await ok(t, 200, 'GET', '/api/v1/users?limit=1', admin)).items).toHaveLength(1);
  });

  it('takes % _ and \\ in search literally, never as wildcards', async () => {
    const plain = await createCustomer(t, { name: 'abc plain 普通' });
    await createOrganization(t, { name: 'abc plain 普通' });
    await createTeam(t, { name: unique('abc plain ') });
    const text = (x: Json) => `${x.name} ${x.email ?? ''} ${(x.emails ?? []).join(' ')} ${(x.domains ?? []).join(' ')}`;
    for (const wildcard of ['%', '_', '\\', '%%', 'a%c', 'a_c']) {
      for (const url of ['/api/v1/users', '/api/v1/teams', '/api/v1/organizations', '/api/v1/customers']) {
        const page = await ok(t, 200, 'GET', `${url}?limit=100&q=${encodeURIComponent(wildcard)}`, admin);
        for (const item of page.items) expect([url, wildcard, text(item)]).toEqual([url, wildcard, expect.stringContaining(wildcard)]);
      }
    }
    expect(await idsOf(t, `/api/v1/customers?q=${encodeURIComponent('abc%plain')}`, admin)).not.toContain(plain.id);
  });

  it('answers 400, not 500, to NUL bytes and control characters, naming the field', async () => {
    const bad = ['a\u0000b', 'bell\u0007', 'esc\u001b[31m', 'del\u007f'];
    for (const v of bad) {
      const cases: [string, string, unknown, string][] = [
        ['POST', '/api/v1/users', { email: `${unique('c')}@example.com`, name: v, role: 'agent', password: PASSWORD }, 'name'],
        ['POST', '/api/v1/teams', { name: v }, 'name'],
        ['POST', '/api/v1/teams', { name: unique('c'), description: v }, 'description'],
        ['PATCH', `/api/v1/teams/${ids.team}`, { description: v }, 'description'],
        ['POST', '/api/v1/organizations', { name: v }, 'name'],
        ['POST', '/api/v1/organizations', { name: 'x', notes: v }, 'notes'],
        ['POST', '/api/v1/organizations', { name: 'x', tags: [v] }, 'tags.0'],
        ['PATCH', `/api/v1/organizations/${ids.organization}`, { notes: v }, 'notes'],
        ['POST', '/api/v1/customers', { name: v }, 'name'],
        ['POST', '/api/v1/customers', { name: 'x', notes: v }, 'notes'],
        ['PATCH', `/api/v1/customers/${ids.customer}`, { notes: v }, 'notes'],
        ['PATCH', `/api/v1/customers/${ids.customer}`, { tags: [v] }, 'tags.0'],
        ['POST', '/api/v1/tokens', { name: v }, 'name'],
        ['PATCH', '/api/v1/me', { name: v }, 'name'],
        ['POST', '/api/v1/auth/login', { email: `a${v}@example.com`, password: 'x' }, 'email'],
      ];
      for (const [method, url, body, field] of cases) expectProblem(await call(method, url, admin, body), 400, 'validation_failed', field);
      const enc = encodeURIComponent(v);
      expectProblem(await call('GET', `/api/v1/customers?tag=${enc}`, admin), 400, 'validation_failed', 'tag');
      for (const f of ['entityType', 'entityId', 'action']) expectProblem(await call('GET', `/api/v1/audit-events?${f}=${enc}`, admin), 400, 'validation_failed', f);
      for (const url of lists.slice(0, 4)) expect((await call('GET', `${url}?q=${enc}`, admin)).statusCode).toBe(200);
    }
    const multiline = await ok(t, 201, 'POST', '/api/v1/customers', admin, { name: '多行', notes: '第一行\r\n\t第二行' });
    expect(multiline.notes).toBe('第一行\r\n\t第二行');
  });

  it('answers 400 naming the field to strings over their limit, and accepts them at the limit', async () => {
    const long = (n: number) => '长'.repeat(n);
    const cases: [string, string, unknown, string][] = [
      ['POST', '/api/v1/users', { email: `${unique('l')}@example.com`, name: long(201), role: 'agent', password: PASSWORD }, 'name'],
      ['POST', '/api/v1/users', { email: `${'a'.repeat(250)}@example.com`, name: 'x', role: 'agent', password: PASSWORD }, 'email'],
      ['POST', '/api/v1/users', { email: `${unique('l')}@example.com`, name: 'x', role: 'agent', password: 'p'.repeat(201) }, 'password'],
      ['POST', '/api/v1/teams', { name: long(201) }, 'name'],
      ['POST', '/api/v1/teams', { name: unique('l'), description: long(10_001) }, 'description'],
      ['POST', '/api/v1/organizations', { name: 'x', notes: long(10_001) }, 'notes'],
      ['POST', '/api/v1/organizations', { name: 'x', tags: [long(51)] }, 'tags.0'],
      ['POST', '/api/v1/customers', { name: long(201) }, 'name'],
      ['POST', '/api/v1/customers', { name: 'x', phones: ['1'.repeat(41)] }, 'phones.0'],
      ['POST', '/api/v1/customers', { name: 'x', tags: Array.from({ length: 51 }, (_, i) => `t${i}`) }, 'tags'],
      ['PATCH', `/api/v1/customers/${ids.customer}`, { notes: long(10_001) }, 'notes'],
      ['POST', '/api/v1/auth/login', { email: 'a@example.com', password: 'p'.repeat(201) }, 'password'],
    ];
    for (const [method, url, body, field] of cases) expectProblem(await call(method, url, admin, body), 400, 'validation_failed', field);
    for (const url of lists.slice(0, 4)) expectProblem(await call('GET', `${url}?q=${long(201)}`, admin), 400, 'validation_failed', 'q');
    const atLimit = await ok(t, 201, 'POST', '/api/v1/customers', admin, { name: long(200), notes: long(10_000), tags: [long(50)] });
    expect(atLimit.name).toHaveLength(200);
  });
});

describe('probing', () => {
  it('answers a customer guessing staff ids exactly as it answers ids that do not exist', async () => {
    const customer = await t.customerUser();
    const me = await ok(t, 200, 'GET', '/api/v1/me', admin);
    const answers = [];
    for (const id of [ids.user, me.user.id, '0190a5b4-0000-7000-8000-000000000000']) {
      const res = await call('GET', `/api/v1/users/${id}`, customer.cookie);
      expectProblem(res, 404, 'not_found');
      answers.push(res.body);
    }
    expect(new Set(answers).size).toBe(1);
    for (const base of ['teams', 'organizations', 'customers']) {
      const id = base === 'teams' ? ids.team : base === 'organizations' ? ids.organization : ids.customer;
      expectProblem(await call('GET', `/api/v1/${base}/${id}`, customer.cookie), 404, 'not_found');
    }
  });

  it('never answered 500, never leaked a stack, and every error was problem+json with a code', () => {
    expect(seen.length).toBeGreaterThan(300);
    for (const { what, res } of seen) {
      expect([what, res.statusCode < 500]).toEqual([what, true]);
      expectNoStack(res);
      if (res.statusCode >= 400) {
        expect([what, res.headers['content-type']]).toEqual([what, expect.stringContaining('application/problem+json')]);
        expect(res.json().code).toEqual(expect.any(String));
      }
    }
  });
});
