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
interface CustomerDto { id: string; name: string; emails: string[]; phones: string[]; organizationId: string | null; organizationName: string | null; tags: string[]; notes: string; locale: string }
const search = (q: string, extra = '') => idsOf(t, `/api/v1/customers?q=${encodeURIComponent(q)}${extra}`, agent);

describe('customers', () => {
  it('creates, reads, updates and lists a customer with emails, phones and organization', async () => {
    const org = await createOrganization(t, { name: unique('杭州某公司 ') });
    const email = `${unique('Zhou')}@Example.COM`;
    const created = await ok<CustomerDto>(t, 201, 'POST', '/api/v1/customers', agent, {
      name: '周杰', emails: [email], phones: ['+86 138-0013-8000'], organizationId: org.id, tags: ['VIP', 'VIP'], notes: '喜欢电话联系', locale: 'en',
    });
    expect(created).toMatchObject({
      name: '周杰', emails: [email.toLowerCase()], phones: ['+86 138-0013-8000'], organizationId: org.id, organizationName: org.name,
      tags: ['VIP'], notes: '喜欢电话联系', locale: 'en',
    });
    expect(await ok(t, 200, 'GET', `/api/v1/customers/${created.id}`, agent)).toEqual(created);

    const second = `${unique('zhou2')}@example.com`;
    const updated = await ok<CustomerDto>(t, 200, 'PATCH', `/api/v1/customers/${created.id}`, agent, {
      name: '周杰伦', emails: [second, email.toLowerCase()], phones: [], organizationId: null, tags: ['回访'],
    });
    expect(updated).toMatchObject({ name: '周杰伦', emails: [second, email.toLowerCase()], phones: [], organizationId: null, organizationName: null, tags: ['回访'], notes: '喜欢电话联系' });
    expect(await ok(t, 200, 'GET', `/api/v1/customers/${created.id}`, agent)).toEqual(updated);
    expect(await search('周杰伦')).toEqual([created.id]);
    expect(await search('13800138000')).not.toContain(created.id);
  });

  it('walks every page once, newest first', async () => {
    const marker = unique('翻页');
    const made: string[] = [];
    for (let i = 0; i < 31; i++) made.push((await createCustomer(t, { name: `${marker} ${i}` })).id);
    for (const limit of [6, 25, 31]) {
      const { items } = await walkPages<CustomerDto>(t, `/api/v1/customers?q=${encodeURIComponent(marker)}`, agent, limit);
      expect(items.map((c) => c.id)).toEqual([...made].reverse());
    }
    const page = await ok(t, 200, 'GET', `/api/v1/customers?q=${encodeURIComponent(marker)}`, agent);
    expect(page.items).toHaveLength(25);
  });

  it('searches by Chinese name, email and phone however the digits are typed', async () => {
    const tag = unique('t');
    const zhang = await createCustomer(t, { name: '张伟', emails: [`${unique('zw')}@mail.example`], phones: ['+86 139-1234-5678'], tags: [tag] });
    const li = await createCustomer(t, { name: '李娜', emails: [`${unique('ln')}@mail.example`], phones: ['010 6552 9988'], tags: [tag] });
    const only = `&tag=${encodeURIComponent(tag)}`;
    expect(await search('张伟', only)).toEqual([zhang.id]);
    expect(await search('李娜', only)).toEqual([li.id]);
    expect(await search('娜', only)).toEqual([li.id]);
    expect(await search(zhang.emails[0]!.toUpperCase(), only)).toEqual([zhang.id]);
    expect(await search('mail.example', only)).toEqual([li.id, zhang.id]);
    for (const typed of ['13912345678', '139 1234 5678', '139-1234-5678', '+86 139 1234 5678', '1234-5678']) {
      expect([typed, await search(typed, only)]).toEqual([typed, [zhang.id]]);
    }
    for (const typed of ['01065529988', '010-6552-9988', '(010) 6552 9988', '6552 9988']) {
      expect([typed, await search(typed, only)]).toEqual([typed, [li.id]]);
    }
    expect(await search('王五', only)).toEqual([]);
  });

  it('filters by organization and by tag', async () => {
    const org = await createOrganization(t);
    const tag = unique('标签');
    const a = await createCustomer(t, { organizationId: org.id, tags: [tag] });
    const b = await createCustomer(t, { organizationId: org.id });
    const c = await createCustomer(t, { tags: [tag] });
    expect(await idsOf(t, `/api/v1/customers?organizationId=${org.id}`, agent)).toEqual([b.id, a.id]);
    expect(await idsOf(t, `/api/v1/customers?tag=${encodeURIComponent(tag)}`, agent)).toEqual([c.id, a.id]);
    expect(await idsOf(t, `/api/v1/customers?tag=${encodeURIComponent(tag)}&organizationId=${org.id}`, agent)).toEqual([a.id]);
    expect(await idsOf(t, `/api/v1/customers?organizationId=${missing}`, agent)).toEqual([]);
  });

  it('answers 409 naming emails when an address belongs to another customer, in any case', async () => {
    const email = `${unique('dup')}@example.com`;
    const owner = await createCustomer(t, { emails: [email] });
    expectProblem(await t.call('POST', '/api/v1/customers', agent, { name: '重复', emails: [email.toUpperCase()] }), 409, 'already_exists', 'emails');
    const other = await createCustomer(t, { emails: [`${unique('o')}@example.com`] });
    expectProblem(await t.call('PATCH', `/api/v1/customers/${other.id}`, agent, { emails: [email] }), 409, 'already_exists', 'emails');
    // Keeping one's own address is no conflict.
    await ok(t, 200, 'PATCH', `/api/v1/customers/${owner.id}`, agent, { emails: [email], name: '原主人' });
    expect((await ok(t, 200, 'GET', `/api/v1/customers/${other.id}`, agent)).emails).toEqual(other.emails);
    expectProblem(await t.call('POST', '/api/v1/customers', agent, { name: '自己重复', emails: ['a@example.com', 'a@example.com'] }), 400, 'validation_failed', 'emails');
  });

  it('names the field for an unknown organization, a bad email or a bad phone', async () => {
    expectProblem(await t.call('POST', '/api/v1/customers', agent, { name: '某人', organizationId: missing }), 400, 'validation_failed', 'organizationId');
    expectProblem(await t.call('POST', '/api/v1/customers', agent, { name: '某人', emails: ['not-an-email'] }), 400, 'validation_failed', 'emails.0');
    expectProblem(await t.call('POST', '/api/v1/customers', agent, { name: '某人', phones: ['call me'] }), 400, 'validation_failed', 'phones.0');
    expectProblem(await t.call('PATCH', `/api/v1/customers/${missing}`, agent, { name: '没有' }), 404, 'not_found');
    expectProblem(await t.call('GET', `/api/v1/customers/${missing}`, agent), 404, 'not_found');
  });

  it('lets a signed-in customer read their own record and no one else\'s', async () => {
    const me = await t.customerUser();
    const other = await createCustomer(t);
    expect(await ok(t, 200, 'GET', `/api/v1/customers/${me.customerId}`, me.cookie)).toMatchObject({ id: me.customerId, emails: [me.email] });
    expectProblem(await t.call('GET', `/api/v1/customers/${other.id}`, me.cookie), 404, 'not_found');
    expectProblem(await t.call('GET', `/api/v1/customers/${missing}`, me.cookie), 404, 'not_found');
    expectProblem(await t.call('GET', '/api/v1/customers', me.cookie), 403, 'forbidden');
  });
});
