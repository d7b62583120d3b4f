import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { createOrganization, createTicket, expectProblem, ok, rows, type Json } from '../../test/factories.js';

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.adminSession();
});
afterAll(() => t.close());

const missing = '0190a5b4-0000-7000-8000-000000000000';
const rate = (id: string, auth: string | null, body: unknown) => t.call('PUT', `/api/v1/tickets/${id}/rating`, auth, body);

/** A customer's request, assigned to an agent and moved to `status` by staff. */
async function request(status: 'new' | 'open' | 'pending' | 'resolved' | 'closed' = 'resolved') {
  const customer = await t.customerUser();
  const agent = await t.staff('agent');
  const ticket = await createTicket(t, { requesterId: customer.customerId, assigneeId: agent.id });
  const moves = { new: [], open: [], pending: ['pending'], resolved: ['resolved'], closed: ['resolved', 'closed'] }[status];
  for (const s of moves) await ok(t, 200, 'PATCH', `/api/v1/tickets/${ticket.id}`, admin, { status: s });
  return { customer, agent, ticket: await ok(t, 200, 'GET', `/api/v1/tickets/${ticket.id}`, admin) };
}
const ratedEvents = async (id: string) =>
  (await ok(t, 200, 'GET', `/api/v1/tickets/${id}/timeline`, admin)).items.filter((i: Json) => i.type === 'ticket.rated');
const storedRatings = (id: string) => rows<{ score: number; comment: string | null; customer_id: string }>(t, sql`select score, comment, customer_id from ticket_ratings where ticket_id = ${id}`);

describe('rating a request (CSAT)', () => {
  it('lets the requester rate a resolved request; staff see it on the ticket, the timeline and the bell', async () => {
    const { customer, agent, ticket } = await request('resolved');
    expect(ticket.rating).toBeNull();
    const res = await rate(ticket.id, customer.cookie, { score: 4, comment: '处理很及时，谢谢！' });
    expect(res.statusCode, res.body).toBe(200);
    const rated = res.json();
    expect(rated.rating).toEqual({ score: 4, comment: '处理很及时，谢谢！', ratedAt: expect.any(String) });
    expect(rated.version).toBe(ticket.version + 1);
    expect(res.headers.etag).toBe(`"${rated.version}"`);
    expect(rated.status).toBe('resolved');

    for (const who of [customer.cookie, agent.cookie, admin]) {
      expect((await ok(t, 200, 'GET', `/api/v1/tickets/${ticket.id}`, who)).rating).toMatchObject({ score: 4, comment: '处理很及时，谢谢！' });
    }
    const queue = await ok(t, 200, 'GET', `/api/v1/tickets?requesterId=${customer.customerId}`, agent.cookie);
    expect(queue.items.find((i: Json) => i.id === ticket.id).rating).toMatchObject({ score: 4 });

    const [event] = await ratedEvents(ticket.id);
    expect(event).toMatchObject({ actorName: expect.any(String), data: { score: 4, hasComment: true } });
    expect(event.data).not.toHaveProperty('previousScore');
    // The comment itself stays on the rating, not in the event log.
    expect(JSON.stringify(event.data)).not.toContain('谢谢');
    // The customer's own timeline keeps to messages and status moves.
    const theirs = await ok(t, 200, 'GET', `/api/v1/tickets/${ticket.id}/timeline`, customer.cookie);
    expect(theirs.items.some((i: Json) => i.type === 'ticket.rated')).toBe(false);

    const bell = await ok(t, 200, 'GET', '/api/v1/notifications', agent.cookie);
    expect(bell.items.filter((n: Json) => n.kind === 'ticket.rated' && n.ticketId === ticket.id)).toEqual([
      expect.objectContaining({ data: expect.objectContaining({ number: ticket.number, score: 4 }) }),
    ]);
    expect(await storedRatings(ticket.id)).toEqual([{ score: 4, comment: '处理很及时，谢谢！', customer_id: customer.customerId }]);
  });

  it('replaces the rating when rated again, also after the request closes; one row per ticket', async () => {
    const { customer, ticket } = await request('resolved');
    const first = await ok(t, 200, 'PUT', `/api/v1/tickets/${ticket.id}/rating`, customer.cookie, { score: 2, comment: '等了太久' });
    t.clock.advance(60_000);
    await ok(t, 200, 'PATCH', `/api/v1/tickets/${ticket.id}`, customer.cookie, { status: 'closed' });
    const second = await ok(t, 200, 'PUT', `/api/v1/tickets/${ticket.id}/rating`, customer.cookie, { score: 5 });
    expect(second.status).toBe('closed');
    expect(second.rating).toEqual({ score: 5, comment: null, ratedAt: expect.any(String) });
    expect(Date.parse(second.rating.ratedAt)).toBeGreaterThan(Date.parse(first.rating.ratedAt));
    expect(await storedRatings(ticket.id)).toEqual([{ score: 5, comment: null, customer_id: customer.customerId }]);
    const events = await ratedEvents(ticket.id);
    expect(events.map((e: Json) => e.data)).toEqual([{ score: 2, hasComment: true }, { score: 5, hasComment: false, previousScore: 2 }]);
    // A blank comment is no comment.
    expect((await ok(t, 200, 'PUT', `/api/v1/tickets/${ticket.id}/rating`, customer.cookie, { score: 3, comment: '   \n ' })).rating.comment).toBeNull();
  });

  it('takes the same rating twice as one: no new version, event or notification', async () => {
    const { customer, agent, ticket } = await request('closed');
    const body = { score: 5, comment: '非常满意' };
    const once = await ok(t, 200, 'PUT', `/api/v1/tickets/${ticket.id}/rating`, customer.cookie, body);
    const twice = await ok(t, 200, 'PUT', `/api/v1/tickets/${ticket.id}/rating`, customer.cookie, body);
    expect(twice.version).toBe(once.version);
    expect(twice.rating).toEqual(once.rating);
    expect(await ratedEvents(ticket.id)).toHaveLength(1);
    const bell = await ok(t, 200, 'GET', '/api/v1/notifications', agent.cookie);
    expect(bell.items.filter((n: Json) => n.kind === 'ticket.rated' && n.ticketId === ticket.id)).toHaveLength(1);
    // Two at once (two tabs) still leave one rating.
    const both = await Promise.all([rate(ticket.id, customer.cookie, { score: 1 }), rate(ticket.id, customer.cookie, { score: 1 })]);
    expect(both.map((r) => r.statusCode)).toEqual([200, 200]);
    expect(await storedRatings(ticket.id)).toEqual([{ score: 1, comment: null, customer_id: customer.customerId }]);
  });

  it('answers 409 naming the status while the request is not resolved or closed', async () => {
    for (const status of ['new', 'open', 'pending'] as const) {
      const { customer, ticket } = await request(status);
      const problem = expectProblem(await rate(ticket.id, customer.cookie, { score: 5 }), 409, 'conflict', 'status');
      expect(problem.detail).toContain(ticket.status);
      expect(await storedRatings(ticket.id)).toEqual([]);
    }
    // Reopened after a rating: no new rating until it is resolved again; the old one stays shown.
    const { customer, ticket } = await request('resolved');
    await ok(t, 200, 'PUT', `/api/v1/tickets/${ticket.id}/rating`, customer.cookie, { score: 2 });
    await ok(t, 200, 'PATCH', `/api/v1/tickets/${ticket.id}`, customer.cookie, { status: 'open' });
    expectProblem(await rate(ticket.id, customer.cookie, { score: 4 }), 409, 'conflict', 'status');
    expect((await ok(t, 200, 'GET', `/api/v1/tickets/${ticket.id}`, customer.cookie)).rating.score).toBe(2);
  });

  it('answers 403 to staff and to a colleague who may see the request, 404 to another customer, 401 to nobody', async () => {
    const { customer, agent, ticket } = await request('resolved');
    for (const who of [agent.cookie, admin, (await t.staff('supervisor')).cookie]) {
      const problem = expectProblem(await rate(ticket.id, who, { score: 5 }), 403, 'forbidden');
      expect(problem.detail).toMatch(/customer/i);
    }
    expectProblem(await rate(ticket.id, (await t.customerUser()).cookie, { score: 1 }), 404, 'not_found');
    expectProblem(await rate(missing, customer.cookie, { score: 1 }), 404, 'not_found');
    expectProblem(await rate('not-a-uuid', customer.cookie, { score: 1 }), 400, 'validation_failed', 'id');
    expectProblem(await rate(ticket.id, null, { score: 1 }), 401, 'unauthenticated');

    const org = await createOrganization(t, { sharedTickets: true });
    const [a, b] = [await t.customerUser(), await t.customerUser()];
    for (const c of [a, b]) await ok(t, 200, 'PATCH', `/api/v1/customers/${c.customerId}`, admin, { organizationId: org.id });
    const shared = await createTicket(t, { requesterId: a.customerId });
    await ok(t, 200, 'PATCH', `/api/v1/tickets/${shared.id}`, admin, { status: 'resolved' });
    expect((await ok(t, 200, 'GET', `/api/v1/tickets/${shared.id}`, b.cookie)).id).toBe(shared.id);
    expectProblem(await rate(shared.id, b.cookie, { score: 1 }), 403, 'forbidden');
    expect(await storedRatings(shared.id)).toEqual([]);
    expect(await storedRatings(ticket.id)).toEqual([]);
  });

  it('refuses a score outside 1–5, a non-integer or a string, a missing score, a long comment and unknown fields', async () => {
    const { customer, ticket } = await request('resolved');
    for (const score of [0, 6, 2.5, '5', null, -1, 1e9]) {
      expectProblem(await rate(ticket.id, customer.cookie, { score }), 400, 'validation_failed', 'score');
    }
    expectProblem(await rate(ticket.id, customer.cookie, {}), 400, 'validation_failed', 'score');
    expectProblem(await rate(ticket.id, customer.cookie, { comment: '没有分数' }), 400, 'validation_failed', 'score');
    expectProblem(await rate(ticket.id, customer.cookie, { score: 3, comment: 'x'.repeat(2001) }), 400, 'validation_failed', 'comment');
    expectProblem(await rate(ticket.id, customer.cookie, { score: 3, comment: 42 }), 400, 'validation_failed', 'comment');
    expectProblem(await rate(ticket.id, customer.cookie, { score: 3, customerId: missing }), 400, 'validation_failed');
    expectProblem(await rate(ticket.id, customer.cookie, '[5]'), 400, 'validation_failed');
    expect(await storedRatings(ticket.id)).toEqual([]);
    const longest = '评'.repeat(2000);
    expect((await ok(t, 200, 'PUT', `/api/v1/tickets/${ticket.id}/rating`, customer.cookie, { score: 3, comment: longest })).rating.comment).toBe(longest);
  });

  it('keeps script in a comment verbatim as plain text', async () => {
    const { customer, ticket } = await request('resolved');
    const comment = '<script>alert(document.cookie)</script><img src=x onerror=alert(1)> & "引号"';
    const rated = await ok(t, 200, 'PUT', `/api/v1/tickets/${ticket.id}/rating`, customer.cookie, { score: 1, comment });
    expect(rated.rating.comment).toBe(comment);
    expect((await ok(t, 200, 'GET', `/api/v1/tickets/${ticket.id}`, admin)).rating.comment).toBe(comment);
    expect(await storedRatings(ticket.id)).toEqual([{ score: 1, comment, customer_id: customer.customerId }]);
  });

  it('refuses to rate a merged request (its survivor carries the conversation)', async () => {
    const customer = await t.customerUser();
    const [a, b] = [await createTicket(t, { requesterId: customer.customerId }), await createTicket(t, { requesterId: customer.customerId })];
    await ok(t, 200, 'POST', `/api/v1/tickets/${a.id}/merge`, admin, { intoId: b.id });
    const merged = await ok(t, 200, 'GET', `/api/v1/tickets/${a.id}`, customer.cookie);
    expect(merged.mergedIntoId).toBe(b.id);
    expectProblem(await rate(a.id, customer.cookie, { score: 5 }), 409, 'conflict');
  });
});
