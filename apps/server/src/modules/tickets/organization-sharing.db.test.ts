import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { createOrganization, createTicket, expectProblem, ok } from '../../test/factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** A signed-in portal customer in `organizationId` (or none). */
async function member(organizationId: string | null) {
  const c = await t.customerUser();
  if (organizationId) await ok(t, 200, 'PATCH', `/api/v1/customers/${c.customerId}`, await t.adminSession(), { organizationId });
  return c;
}
const ids = async (cookie: string, query = '') => (await ok(t, 200, 'GET', `/api/v1/tickets${query}`, cookie)).items.map((x: { id: string }) => x.id).sort();

describe('organization-shared requests in the portal', () => {
  it('shows members of a sharing organization each other\'s requests (read and reply), and "mine" narrows to their own', async () => {
    const org = await createOrganization(t, { sharedTickets: true });
    const [a, b] = [await member(org.id), await member(org.id)];
    const mine = await createTicket(t, { requesterId: a.customerId, subject: 'A 的请求' });
    const theirs = await createTicket(t, { requesterId: b.customerId, subject: 'B 的请求' });

    expect(await ids(a.cookie)).toEqual([mine.id, theirs.id].sort());
    expect(await ids(a.cookie, `?requesterId=${a.customerId}`)).toEqual([mine.id]);
    expect((await ok(t, 200, 'GET', `/api/v1/tickets/${theirs.id}`, a.cookie)).subject).toBe('B 的请求');
    await ok(t, 201, 'POST', `/api/v1/tickets/${theirs.id}/messages`, a.cookie, { body: '同事代为补充：型号 X-200' });
    const messages = await ok(t, 200, 'GET', `/api/v1/tickets/${theirs.id}/timeline`, b.cookie);
    expect(JSON.stringify(messages)).toContain('型号 X-200');
  });

  it('keeps requests private in an organization that does not share, and across organizations', async () => {
    const closed = await createOrganization(t, { sharedTickets: false });
    const other = await createOrganization(t, { sharedTickets: true });
    const [c, d] = [await member(closed.id), await member(closed.id)];
    const outsider = await member(other.id);
    const loner = await member(null);
    const ds = await createTicket(t, { requesterId: d.customerId });
    const own = await createTicket(t, { requesterId: c.customerId });

    expect(await ids(c.cookie)).toEqual([own.id]);
    for (const stranger of [c, outsider, loner]) {
      expectProblem(await t.call('GET', `/api/v1/tickets/${ds.id}`, stranger.cookie), 404, 'not_found');
      expectProblem(await t.call('POST', `/api/v1/tickets/${ds.id}/messages`, stranger.cookie, { body: '偷看' }), 404, 'not_found');
      expectProblem(await t.call('GET', `/api/v1/tickets/${ds.id}/timeline`, stranger.cookie), 404, 'not_found');
    }
    // Asking for another organization or requester by filter widens nothing.
    expect(await ids(outsider.cookie, `?organizationId=${closed.id}`)).toEqual([]);
    expect(await ids(outsider.cookie, `?requesterId=${d.customerId}`)).toEqual([]);
  });

  it('stops sharing the moment the admin turns it off', async () => {
    const org = await createOrganization(t, { sharedTickets: true });
    const [a, b] = [await member(org.id), await member(org.id)];
    const theirs = await createTicket(t, { requesterId: b.customerId });
    expect((await t.call('GET', `/api/v1/tickets/${theirs.id}`, a.cookie)).statusCode).toBe(200);
    await ok(t, 200, 'PATCH', `/api/v1/organizations/${org.id}`, await t.adminSession(), { sharedTickets: false });
    expectProblem(await t.call('GET', `/api/v1/tickets/${theirs.id}`, a.cookie), 404, 'not_found');
    const [{ n }] = (await t.database.db.execute(sql`select count(*)::int as n from tickets where id = ${theirs.id}`)).rows as [{ n: number }];
    expect(n).toBe(1);
  });
});
