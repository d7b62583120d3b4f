import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { createCustomer, createTeam, createTicket, expectProblem, ok, type Json } from '../../test/factories.js';

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.adminSession();
});
afterAll(() => t.close());

const missing = '0190a5b4-0000-7000-8000-000000000000';
type Item = { kind: string; type?: string; id: string; bodyText?: string; internal?: boolean; data?: Record<string, unknown> };
const timeline = async (id: string, auth = admin) => (await ok<{ items: Item[] }>(t, 200, 'GET', `/api/v1/tickets/${id}/timeline`, auth)).items;
const messagesOf = async (id: string) => (await timeline(id)).filter((i) => i.kind === 'message');
const eventTypes = async (id: string) => (await timeline(id)).filter((i) => i.kind === 'event').map((i) => i.type);

/** Two tickets of one requester, each with a description. */
async function pair(extra: Record<string, unknown> = {}) {
  const requesterId = (await createCustomer(t)).id;
  const a = await createTicket(t, { requesterId, body: '第一次来电：空调不制冷', tags: ['空调', 'a'], ...extra });
  const b = await createTicket(t, { requesterId, body: '第二次来电：还是不制冷', tags: ['空调', 'b'], ...extra });
  return { requesterId, a, b };
}

describe('merge', () => {
  it('moves the conversation and history to the survivor, unites tags and closes the source', async () => {
    const { a, b } = await pair();
    await ok(t, 201, 'POST', `/api/v1/tickets/${a.id}/messages`, admin, { body: '内部备注', internal: true });
    const res = await t.call('POST', `/api/v1/tickets/${a.id}/merge`, admin, { intoId: b.id });
    expect(res.statusCode).toBe(200);
    const survivor = res.json();
    expect(survivor).toMatchObject({ id: b.id, version: b.version + 1, mergedIntoId: null });
    expect(res.headers.etag).toBe(`"${survivor.version}"`);
    expect([...survivor.tags].sort()).toEqual(['a', 'b', '空调'].sort());

    const source = await ok(t, 200, 'GET', `/api/v1/tickets/${a.id}`, admin);
    expect(source).toMatchObject({ status: 'closed', mergedIntoId: b.id, version: a.version + 2 });
    expect(source.closedAt).not.toBeNull();
    expect((await messagesOf(b.id)).map((m) => m.bodyText).sort()).toEqual(['第一次来电：空调不制冷', '内部备注', '第二次来电：还是不制冷'].sort());
    expect(await messagesOf(a.id)).toEqual([]);
    expect(await eventTypes(a.id)).toEqual(['ticket.merged_into']);
    const survivorEvents = await eventTypes(b.id);
    expect(survivorEvents.filter((e) => e === 'ticket.created')).toHaveLength(2);
    expect(survivorEvents.at(-1)).toBe('ticket.merged');
    const merged = (await timeline(b.id)).find((i) => i.type === 'ticket.merged')!;
    expect(merged.data).toMatchObject({ ticketId: a.id, number: a.number, messages: 2 });
    // A merged ticket leaves the queue and takes no more changes or merges.
    const queue = await ok(t, 200, 'GET', `/api/v1/tickets?requesterId=${a.requesterId}`, admin);
    expect(queue.items.map((i: Json) => i.id)).toEqual([b.id]);
    expectProblem(await t.call('POST', `/api/v1/tickets/${a.id}/merge`, admin, { intoId: b.id }), 409, 'conflict', 'id');
    expectProblem(await t.call('PATCH', `/api/v1/tickets/${a.id}`, admin, { priority: 'high' }), 409, 'conflict');
  });

  it('refuses merging into itself, a merged or closed ticket, or another requester\'s ticket', async () => {
    const { requesterId, a, b } = await pair();
    expectProblem(await t.call('POST', `/api/v1/tickets/${a.id}/merge`, admin, { intoId: a.id }), 400, 'validation_failed', 'intoId');
    const c = await createTicket(t, { requesterId });
    await ok(t, 200, 'POST', `/api/v1/tickets/${c.id}/merge`, admin, { intoId: b.id });
    expectProblem(await t.call('POST', `/api/v1/tickets/${a.id}/merge`, admin, { intoId: c.id }), 409, 'conflict', 'intoId');
    const closed = await createTicket(t, { requesterId });
    await ok(t, 200, 'PATCH', `/api/v1/tickets/${closed.id}`, admin, { status: 'resolved' });
    await ok(t, 200, 'PATCH', `/api/v1/tickets/${closed.id}`, admin, { status: 'closed' });
    expectProblem(await t.call('POST', `/api/v1/tickets/${a.id}/merge`, admin, { intoId: closed.id }), 409, 'conflict', 'intoId');
    expectProblem(await t.call('POST', `/api/v1/tickets/${closed.id}/merge`, admin, { intoId: a.id }), 409, 'conflict', 'id');
    const stranger = await createTicket(t);
    expectProblem(await t.call('POST', `/api/v1/tickets/${a.id}/merge`, admin, { intoId: stranger.id }), 409, 'conflict', 'intoId');
    // Nothing moved on any refusal.
    expect(await ok(t, 200, 'GET', `/api/v1/tickets/${a.id}`, admin)).toMatchObject({ status: a.status, version: a.version, mergedIntoId: null });
    expect(await messagesOf(a.id)).toHaveLength(1);
  });

  it('answers 404 for a ticket the caller cannot see, on either side, and 403 to customers', async () => {
    const team = await createTeam(t);
    const agent = await t.staff('agent');
    const hidden = await pair({ teamId: team.id });
    const visible = await createTicket(t, { requesterId: hidden.requesterId });
    expectProblem(await t.call('POST', `/api/v1/tickets/${hidden.a.id}/merge`, agent.cookie, { intoId: visible.id }), 404, 'not_found');
    expectProblem(await t.call('POST', `/api/v1/tickets/${visible.id}/merge`, agent.cookie, { intoId: hidden.a.id }), 404, 'not_found', 'intoId');
    expectProblem(await t.call('POST', `/api/v1/tickets/${visible.id}/merge`, admin, { intoId: missing }), 404, 'not_found', 'intoId');
    expectProblem(await t.call('POST', `/api/v1/tickets/${missing}/merge`, admin, { intoId: visible.id }), 404, 'not_found');
    const c = await t.customerUser();
    const own = await createTicket(t, { requesterId: c.customerId });
    const own2 = await createTicket(t, { requesterId: c.customerId });
    expectProblem(await t.call('POST', `/api/v1/tickets/${own.id}/merge`, c.cookie, { intoId: own2.id }), 403, 'forbidden');
    expectProblem(await t.call('POST', `/api/v1/tickets/${own.id}/merge`, admin, { intoId: 'not-an-id' }), 400, 'validation_failed', 'intoId');
    expectProblem(await t.call('POST', `/api/v1/tickets/${own.id}/merge`, admin, { intoId: own2.id, extra: 1 }), 400, 'validation_failed', 'extra');
    expectProblem(await t.call('POST', `/api/v1/tickets/${own.id}/merge`, admin, {}), 400, 'validation_failed', 'intoId');
    expect((await ok(t, 200, 'GET', `/api/v1/tickets/${hidden.a.id}`, admin)).mergedIntoId).toBeNull();
  });

  it('lets exactly one of two concurrent merges of the same ticket win; the other gets 409', async () => {
    const { requesterId, a, b } = await pair();
    const c = await createTicket(t, { requesterId });
    const results = await Promise.all([
      t.call('POST', `/api/v1/tickets/${a.id}/merge`, admin, { intoId: b.id }),
      t.call('POST', `/api/v1/tickets/${a.id}/merge`, admin, { intoId: c.id }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const winner = results.find((r) => r.statusCode === 200)!.json();
    expect((await ok(t, 200, 'GET', `/api/v1/tickets/${a.id}`, admin)).mergedIntoId).toBe(winner.id);
    expect((await messagesOf(winner.id)).length).toBe(2);
  });

  it('settles two merges in opposite directions without a deadlock: one wins, one gets 409', async () => {
    const { a, b } = await pair();
    const results = await Promise.all([
      t.call('POST', `/api/v1/tickets/${a.id}/merge`, admin, { intoId: b.id }),
      t.call('POST', `/api/v1/tickets/${b.id}/merge`, admin, { intoId: a.id }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const [ra, rb] = [await ok(t, 200, 'GET', `/api/v1/tickets/${a.id}`, admin), await ok(t, 200, 'GET', `/api/v1/tickets/${b.id}`, admin)];
    expect([ra.mergedIntoId, rb.mergedIntoId].filter(Boolean)).toHaveLength(1);
  });
});

describe('split', () => {
  it('turns a public message into the first message of a new ticket, linked both ways', async () => {
    const team = await createTeam(t);
    const c = await t.customerUser();
    const source = await createTicket(t, { requesterId: c.customerId, teamId: team.id, priority: 'high', body: '打印机卡纸' });
    await ok(t, 201, 'POST', `/api/v1/tickets/${source.id}/messages`, c.cookie, { body: '另外，发票还没收到' });
    const reply = (await messagesOf(source.id)).find((m) => m.bodyText === '另外，发票还没收到')!;
    const before = await ok(t, 200, 'GET', `/api/v1/tickets/${source.id}`, admin);
    const res = await t.call('POST', `/api/v1/tickets/${source.id}/split`, admin, { messageId: reply.id, subject: '发票未收到' });
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({
      subject: '发票未收到', requesterId: c.customerId, organizationId: source.organizationId, teamId: team.id, priority: 'high', status: 'new', version: 1,
    });
    expect(created.number).toBeGreaterThan(source.number);
    expect((await messagesOf(created.id)).map((m) => m.id)).toEqual([reply.id]);
    expect((await messagesOf(source.id)).map((m) => m.bodyText)).toEqual(['打印机卡纸']);
    const split = (await timeline(source.id)).find((i) => i.type === 'ticket.split')!;
    expect(split.data).toMatchObject({ ticketId: created.id, number: created.number, messageId: reply.id });
    const from = (await timeline(created.id)).find((i) => i.type === 'ticket.split_from')!;
    expect(from.data).toMatchObject({ ticketId: source.id, number: source.number });
    expect((await ok(t, 200, 'GET', `/api/v1/tickets/${source.id}`, admin)).version).toBe(before.version + 1);
    // The customer follows both requests.
    expect((await ok(t, 200, 'GET', `/api/v1/tickets/${created.id}`, c.cookie)).subject).toBe('发票未收到');
  });

  it('keeps the original subject when none is given', async () => {
    const source = await createTicket(t, { subject: '退货申请' });
    await ok(t, 201, 'POST', `/api/v1/tickets/${source.id}/messages`, admin, { body: '已联系物流' });
    const m = (await messagesOf(source.id))[1]!;
    expect((await ok(t, 201, 'POST', `/api/v1/tickets/${source.id}/split`, admin, { messageId: m.id })).subject).toBe('退货申请');
  });

  it('refuses the only message, internal notes, another ticket\'s message and hidden tickets', async () => {
    const only = await createTicket(t);
    const [first] = await messagesOf(only.id);
    expectProblem(await t.call('POST', `/api/v1/tickets/${only.id}/split`, admin, { messageId: first!.id }), 409, 'conflict', 'messageId');
    await ok(t, 201, 'POST', `/api/v1/tickets/${only.id}/messages`, admin, { body: '内部：待查', internal: true });
    const note = (await messagesOf(only.id)).find((m) => m.internal)!;
    expectProblem(await t.call('POST', `/api/v1/tickets/${only.id}/split`, admin, { messageId: note.id }), 409, 'conflict', 'messageId');
    const other = await createTicket(t);
    const [foreign] = await messagesOf(other.id);
    expectProblem(await t.call('POST', `/api/v1/tickets/${only.id}/split`, admin, { messageId: foreign!.id }), 400, 'validation_failed', 'messageId');
    expectProblem(await t.call('POST', `/api/v1/tickets/${only.id}/split`, admin, { messageId: missing }), 400, 'validation_failed', 'messageId');
    expectProblem(await t.call('POST', `/api/v1/tickets/${only.id}/split`, admin, { messageId: first!.id, subject: 'x'.repeat(301) }), 400, 'validation_failed', 'subject');
    expectProblem(await t.call('POST', `/api/v1/tickets/${only.id}/split`, admin, { messageId: first!.id, subject: '  ' }), 400, 'validation_failed', 'subject');

    const hidden = await createTicket(t, { teamId: (await createTeam(t)).id });
    await ok(t, 201, 'POST', `/api/v1/tickets/${hidden.id}/messages`, admin, { body: '补充' });
    const agent = await t.staff('agent');
    expectProblem(await t.call('POST', `/api/v1/tickets/${hidden.id}/split`, agent.cookie, { messageId: (await messagesOf(hidden.id))[1]!.id }), 404, 'not_found');
    const c = await t.customerUser();
    const own = await createTicket(t, { requesterId: c.customerId });
    expectProblem(await t.call('POST', `/api/v1/tickets/${own.id}/split`, c.cookie, { messageId: missing }), 403, 'forbidden');
    expect(await messagesOf(only.id)).toHaveLength(2);
  });
});

describe('bulk update', () => {
  it('applies the changes ticket by ticket, reporting refusals without sinking the batch', async () => {
    const team = await createTeam(t);
    const agent = await t.staff('agent');
    const member = await t.staff('agent');
    await ok(t, 200, 'PATCH', `/api/v1/teams/${team.id}`, admin, { memberIds: [agent.id, member.id] });
    const a = await createTicket(t, { teamId: team.id, tags: ['old', 'keep'] });
    const b = await createTicket(t, { teamId: team.id });
    const hidden = await createTicket(t, { teamId: (await createTeam(t)).id });
    const closed = await createTicket(t, { teamId: team.id });
    await ok(t, 200, 'PATCH', `/api/v1/tickets/${closed.id}`, admin, { status: 'resolved' });
    await ok(t, 200, 'PATCH', `/api/v1/tickets/${closed.id}`, admin, { status: 'closed' });

    const result = await ok(t, 200, 'POST', '/api/v1/tickets/bulk', agent.cookie, {
      ids: [a.id, b.id, hidden.id, closed.id, missing, a.id],
      changes: { priority: 'urgent', status: 'pending', assigneeId: member.id, addTags: ['批量', 'keep'], removeTags: ['old'] },
    });
    expect(result.updated).toEqual([a.id, b.id]);
    expect(result.failed).toEqual([
      { id: hidden.id, code: 'not_found', detail: expect.any(String) },
      { id: closed.id, code: 'conflict', detail: expect.stringContaining('closed') },
      { id: missing, code: 'not_found', detail: expect.any(String) },
    ]);
    const after = await ok(t, 200, 'GET', `/api/v1/tickets/${a.id}`, admin);
    expect(after).toMatchObject({ priority: 'urgent', status: 'pending', assigneeId: member.id, version: a.version + 1 });
    expect([...after.tags].sort()).toEqual(['keep', '批量'].sort());
    expect((await ok(t, 200, 'GET', `/api/v1/tickets/${b.id}`, admin)).tags).toEqual(['批量', 'keep']);
    expect(await eventTypes(a.id)).toContain('ticket.updated');
    expect((await ok(t, 200, 'GET', `/api/v1/tickets/${hidden.id}`, admin)).priority).toBe('normal');
  });

  it('reports each ticket\'s own invalid move and the reason, like PATCH would', async () => {
    const fresh = await createTicket(t);
    const resolved = await createTicket(t);
    await ok(t, 200, 'PATCH', `/api/v1/tickets/${resolved.id}`, admin, { status: 'resolved' });
    const result = await ok(t, 200, 'POST', '/api/v1/tickets/bulk', admin, { ids: [fresh.id, resolved.id], changes: { status: 'closed' } });
    expect(result).toEqual({ updated: [resolved.id], failed: [{ id: fresh.id, code: 'conflict', detail: expect.stringContaining('cannot move from new to closed') }] });
    const badTeam = await ok(t, 200, 'POST', '/api/v1/tickets/bulk', admin, { ids: [fresh.id], changes: { teamId: missing } });
    expect(badTeam.failed).toEqual([{ id: fresh.id, code: 'validation_failed', detail: expect.stringContaining('teamId') }]);
    const full = await createTicket(t, { tags: Array.from({ length: 50 }, (_, i) => `t${i}`) });
    const tooMany = await ok(t, 200, 'POST', '/api/v1/tickets/bulk', admin, { ids: [full.id], changes: { addTags: ['one-more'] } });
    expect(tooMany.failed[0]).toMatchObject({ id: full.id, code: 'validation_failed' });
  });

  it('refuses oversized, empty and malformed batches, and customers', async () => {
    const ticket = await createTicket(t);
    const ids501 = Array.from({ length: 501 }, () => ticket.id);
    expectProblem(await t.call('POST', '/api/v1/tickets/bulk', admin, { ids: ids501, changes: { priority: 'low' } }), 400, 'validation_failed', 'ids');
    expectProblem(await t.call('POST', '/api/v1/tickets/bulk', admin, { ids: [], changes: { priority: 'low' } }), 400, 'validation_failed', 'ids');
    expectProblem(await t.call('POST', '/api/v1/tickets/bulk', admin, { ids: [ticket.id], changes: {} }), 400, 'validation_failed', 'changes');
    expectProblem(await t.call('POST', '/api/v1/tickets/bulk', admin, { ids: ['nope'], changes: { priority: 'low' } }), 400, 'validation_failed', 'ids.0');
    expectProblem(await t.call('POST', '/api/v1/tickets/bulk', admin, { ids: [ticket.id], changes: { subject: 'x' } }), 400, 'validation_failed', 'changes.subject');
    expectProblem(await t.call('POST', '/api/v1/tickets/bulk', admin, { ids: [ticket.id], changes: { status: 'done' } }), 400, 'validation_failed', 'changes.status');
    expectProblem(await t.call('POST', '/api/v1/tickets/bulk', admin, { ids: [ticket.id], changes: { addTags: ['<script>', 'x'.repeat(51)] } }), 400, 'validation_failed', 'changes.addTags.1');
    const c = await t.customerUser();
    const own = await createTicket(t, { requesterId: c.customerId });
    expectProblem(await t.call('POST', '/api/v1/tickets/bulk', c.cookie, { ids: [own.id], changes: { priority: 'urgent' } }), 403, 'forbidden');
    expect((await ok(t, 200, 'GET', `/api/v1/tickets/${ticket.id}`, admin)).priority).toBe('normal');
  });

  it('processes a full batch of 500 ids', async () => {
    const ticket = await createTicket(t);
    const ids = [ticket.id, ...Array.from({ length: 499 }, (_, i) => `0190a5b4-0000-7000-8000-${String(i).padStart(12, '0')}`)];
    const result = await ok(t, 200, 'POST', '/api/v1/tickets/bulk', admin, { ids, changes: { priority: 'low' } });
    expect(result.updated).toEqual([ticket.id]);
    expect(result.failed).toHaveLength(499);
  });
});
