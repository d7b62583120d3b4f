import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, unique, type TestApp } from '../../test/test-app.js';
import { createCustomer, createOrganization, expectProblem, idsOf, ok, walkPages } from '../../test/factories.js';

let t: TestApp;
let agent: string;
beforeAll(async () => {
  t = await createTestApp();
  agent = (await t.staff('agent')).cookie;
});
afterAll(() => t.close());

const missing = '0190a5b4-0000-7000-8000-000000000000';
interface OrgDto { id: string; name: string; domains: string[]; tags: string[]; notes: string; sharedTickets: boolean; customerCount: number }

describe('organizations', () => {
  it('lets an agent create, read, update and list an organization', async () => {
    const name = unique('上海某某贸易有限公司 ');
    const created = await ok<OrgDto>(t, 201, 'POST', '/api/v1/organizations', agent, {
      name, domains: ['Example-Trade.cn', 'example-trade.cn'], tags: ['VIP', 'VIP', '华东'], notes: '年框客户\n第二行',
    });
    expect(created).toMatchObject({ name, domains: ['example-trade.cn'], tags: ['VIP', '华东'], notes: '年框客户\n第二行', sharedTickets: false, customerCount: 0 });
    expect(await ok(t, 200, 'GET', `/api/v1/organizations/${created.id}`, agent)).toEqual(created);

    const updated = await ok<OrgDto>(t, 200, 'PATCH', `/api/v1/organizations/${created.id}`, agent, { sharedTickets: true, tags: [], notes: '' });
    expect(updated).toMatchObject({ name, domains: ['example-trade.cn'], tags: [], notes: '', sharedTickets: true });
    expect(await ok(t, 200, 'GET', `/api/v1/organizations/${created.id}`, agent)).toEqual(updated);
    expect(await idsOf(t, '/api/v1/organizations', agent)).toContain(created.id);
  });

  it('counts its customers', async () => {
    const org = await createOrganization(t);
    await createCustomer(t, { organizationId: org.id });
    await createCustomer(t, { organizationId: org.id });
    expect((await ok(t, 200, 'GET', `/api/v1/organizations/${org.id}`, agent)).customerCount).toBe(2);
    const listed = (await walkPages<OrgDto>(t, '/api/v1/organizations', agent, 100)).items.find((o) => o.id === org.id);
    expect(listed?.customerCount).toBe(2);
  });

  it('walks every page once, newest first', async () => {
    const marker = unique('分页公司');
    const made: string[] = [];
    for (let i = 0; i < 26; i++) made.push((await createOrganization(t, { name: `${marker} ${i}` })).id);
    for (const limit of [4, 25, 26]) {
      const { items } = await walkPages<OrgDto>(t, `/api/v1/organizations?q=${encodeURIComponent(marker)}`, agent, limit);
      expect(items.map((o) => o.id)).toEqual([...made].reverse());
    }
  });

  it('searches by name (Chinese too), by exact domain, with % _ taken literally', async () => {
    const ali = await createOrganization(t, { name: unique('阿里巴巴 '), domains: [`${unique('ali')}.example.com`] });
    const tencent = await createOrganization(t, { name: unique('腾讯 Tencent ') });
    const odd = await createOrganization(t, { name: unique('100%_真 ') });
    const search = (q: string) => idsOf(t, `/api/v1/organizations?q=${encodeURIComponent(q)}`, agent);
    expect(await search('阿里巴巴')).toEqual([ali.id]);
    expect(await search('tencent')).toEqual([tencent.id]);
    expect(await search(ali.domains[0].toUpperCase())).toEqual([ali.id]);
    expect(await search('100%_')).toEqual([odd.id]);
    expect(await search('%')).toEqual([odd.id]);
  });

  it('refuses to delete an organization that still has customers (409), and deletes it once they move', async () => {
    const org = await createOrganization(t);
    const customer = await createCustomer(t, { organizationId: org.id });
    const admin = await t.adminSession();
    const refused = expectProblem(await t.call('DELETE', `/api/v1/organizations/${org.id}`, admin), 409, 'conflict');
    expect(refused.detail).toMatch(/1 customer/);
    expect(await ok(t, 200, 'GET', `/api/v1/organizations/${org.id}`, agent)).toMatchObject({ customerCount: 1 });

    await ok(t, 200, 'PATCH', `/api/v1/customers/${customer.id}`, agent, { organizationId: null });
    await ok(t, 204, 'DELETE', `/api/v1/organizations/${org.id}`, admin);
    expectProblem(await t.call('GET', `/api/v1/organizations/${org.id}`, agent), 404, 'not_found');
    expectProblem(await t.call('DELETE', `/api/v1/organizations/${org.id}`, admin), 404, 'not_found');
  });

  it('answers 404 for an organization that does not exist, and names bad fields', async () => {
    expectProblem(await t.call('GET', `/api/v1/organizations/${missing}`, agent), 404, 'not_found');
    expectProblem(await t.call('PATCH', `/api/v1/organizations/${missing}`, agent, { notes: 'x' }), 404, 'not_found');
    expectProblem(await t.call('POST', '/api/v1/organizations', agent, { name: '坏域名', domains: ['not a domain'] }), 400, 'validation_failed', 'domains.0');
    expectProblem(await t.call('POST', '/api/v1/organizations', agent, { name: '  ' }), 400, 'validation_failed', 'name');
    expectProblem(await t.call('PATCH', `/api/v1/organizations/${missing}`, agent, { sharedTickets: 'yes' }), 400, 'validation_failed', 'sharedTickets');
  });
});
