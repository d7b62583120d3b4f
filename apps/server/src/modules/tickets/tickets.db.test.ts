import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { createCustomer, createTeam, createTicket, expectProblem, ok, walkPages } from '../../test/factories.js';

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.adminSession();
});
afterAll(() => t.close());

describe('opening tickets', () => {
  it('numbers tickets from a sequence and opens them on a customer\'s behalf, finding or creating the customer', async () => {
    const agent = await t.staff('agent');
    const a = await ok(t, 201, 'POST', '/api/v1/tickets', agent.cookie, { subject: '电话报修：空调不制冷', type: 'repair', channel: 'phone', requester: { name: '王建国', phone: '+86 139 0000 1111' }, body: '客户来电' });
    const b = await ok(t, 201, 'POST', '/api/v1/tickets', agent.cookie, { subject: '再次来电', requester: { name: '王建国', phone: '139-0000-1111' } });
    expect(b.number).toBe(a.number + 1);
    expect(a.number).toBeGreaterThanOrEqual(10001);
    expect(b.requesterId).toBe(a.requesterId);
    expect(a).toMatchObject({ status: 'new', channel: 'phone', type: 'repair', requesterName: '王建国', version: 1 });
    const timeline = await ok(t, 200, 'GET', `/api/v1/tickets/${a.id}/timeline`, agent.cookie);
    expect(timeline.items.map((i: { kind: string; type?: string }) => i.type ?? i.kind)).toEqual(['ticket.created', 'message']);
  });

  it('a customer opens a portal ticket for themselves and may not set staff fields', async () => {
    const c = await t.customerUser();
    const mine = await ok(t, 201, 'POST', '/api/v1/tickets', c.cookie, { subject: '订单未发货', body: '<p>订单 123 <script>alert(1)</script>未发货</p>' });
    expect(mine).toMatchObject({ channel: 'portal', requesterId: c.customerId, priority: 'normal', tags: [] });
    const res = await t.call('POST', '/api/v1/tickets', c.cookie, { subject: 'x', priority: 'urgent', teamId: null });
    expectProblem(res, 403, 'forbidden', 'priority');
    const timeline = await ok(t, 200, 'GET', `/api/v1/tickets/${mine.id}/timeline`, c.cookie);
    const message = timeline.items.find((i: { kind: string }) => i.kind === 'message');
    expect(message.bodyHtml).not.toContain('script');
    expect(message.bodyText).toContain('订单 123');
  });

  it('opens tickets arriving together in one statement, each with its own answer', async () => {
    const customer = await createCustomer(t);
    const manual = await createTeam(t);
    const missing = '0190a5b4-0000-7000-8000-000000000000';
    const bodies = [
      ...Array.from({ length: 8 }, (_, i) => ({ subject: `同批工单 ${i} batch`, requesterId: customer.id, teamId: manual.id, tags: [`批${i}`], body: `<p>第 ${i} 条 <img src=x onerror=alert(1)></p>` })),
      { subject: '不存在的客户', requesterId: missing },
      { subject: '不存在的团队', requesterId: customer.id, teamId: missing },
    ];
    const responses = await Promise.all(bodies.map((b) => t.call('POST', '/api/v1/tickets', admin, b)));
    const created = responses.slice(0, 8).map((r) => r.json());
    expect(responses.slice(0, 8).map((r) => r.statusCode)).toEqual(Array(8).fill(201));
    created.forEach((c, i) => expect(c).toMatchObject({ subject: `同批工单 ${i} batch`, tags: [`批${i}`], teamId: manual.id, requesterName: customer.name, status: 'new' }));
    expect(new Set(created.map((c) => c.number)).size).toBe(8);
    expectProblem(responses[8]!, 400, 'validation_failed', 'requesterId');
    expectProblem(responses[9]!, 400, 'validation_failed', 'teamId');
    for (const [i, c] of created.entries()) {
      const timeline = await ok(t, 200, 'GET', `/api/v1/tickets/${c.id}/timeline`, admin);
      expect(timeline.items.map((e: { kind: string; type?: string }) => e.type ?? e.kind)).toEqual(['ticket.created', 'message']);
      const message = timeline.items[1];
      expect(message.bodyText).toContain(`第 ${i} 条`);
      expect(message.bodyHtml).not.toContain('onerror');
    }
    const found = await ok(t, 200, 'GET', `/api/v1/tickets?q=${encodeURIComponent('同批工单')}&limit=50`, admin);
    expect(found.items.length).toBe(8);
  });

  it('refuses hostile input with a 4xx naming the field', async () => {
    const customer = await createCustomer(t);
    expectProblem(await t.call('POST', '/api/v1/tickets', admin, { subject: 'x'.repeat(1_000_000), requesterId: customer.id }), 400, 'validation_failed', 'subject');
    expectProblem(await t.call('POST', '/api/v1/tickets', admin, { subject: 'x'.repeat(2_000_000), requesterId: customer.id }), 413, 'payload_too_large');
    expectProblem(await t.call('POST', '/api/v1/tickets', admin, { subject: 'x'.repeat(301), requesterId: customer.id }), 400, 'validation_failed', 'subject');
    expectProblem(await t.call('POST', '/api/v1/tickets', admin, { subject: 'x', requesterId: customer.id, tags: Array.from({ length: 20_000 }, (_, i) => `t${i}`) }), 400, 'validation_failed', 'tags');
    expectProblem(await t.call('POST', '/api/v1/tickets', admin, { subject: 'x', requesterId: customer.id, status: 'closed' }), 400, 'validation_failed', 'status');
    expectProblem(await t.call('POST', '/api/v1/tickets', admin, { subject: 'x' }), 400, 'validation_failed', 'requesterId');
    expectProblem(await t.call('POST', '/api/v1/tickets', admin, { subject: 'x', requesterId: '0190a5b4-0000-7000-8000-000000000000' }), 400, 'validation_failed', 'requesterId');
    expectProblem(await t.call('POST', '/api/v1/tickets', admin, { subject: 'x', requesterId: customer.id, type: 'praise' }), 400, 'validation_failed', 'type');
  });
});

describe('queue counts', () => {
  it('counts each view the caller may see, capped, leaving text searches out', async () => {
    const team = await createTeam(t);
    const customer = await createCustomer(t);
    for (let i = 0; i < 3; i++) await createTicket(t, { requesterId: customer.id, teamId: team.id, priority: i === 0 ? 'urgent' : 'normal' });
    const res = await ok(t, 200, 'POST', '/api/v1/tickets/counts', admin, {
      views: [
        { key: 'team', filters: { teamId: team.id } },
        { key: 'urgent', filters: { teamId: team.id, priority: 'urgent' } },
        { key: 'search', filters: { teamId: team.id, q: '工单' } },
      ],
    });
    expect(res).toEqual({ counts: { team: 3, urgent: 1, search: null }, cap: 999 });
    const agent = await t.staff('agent');
    // An agent outside the team sees only what the queue would show them.
    const mine = await ok(t, 200, 'POST', '/api/v1/tickets/counts', agent.cookie, { views: [{ key: 'team', filters: { teamId: team.id } }] });
    expect(mine.counts.team).toBeLessThanOrEqual(3);
    const c = await t.customerUser();
    expectProblem(await t.call('POST', '/api/v1/tickets/counts', c.cookie, { views: [{ key: 'a', filters: {} }] }), 403, 'forbidden');
    expectProblem(await t.call('POST', '/api/v1/tickets/counts', admin, { views: [] }), 400, 'validation_failed', 'views');
    expectProblem(await t.call('POST', '/api/v1/tickets/counts', admin, { views: Array.from({ length: 31 }, (_, i) => ({ key: `k${i}`, filters: {} })) }), 400, 'validation_failed', 'views');
    expectProblem(await t.call('POST', '/api/v1/tickets/counts', admin, { views: [{ key: 'x', filters: { status: 'sleeping' } }] }), 400, 'validation_failed', 'views.0.filters.status.0');
    expectProblem(await t.call('POST', '/api/v1/tickets/counts', admin, { views: [{ key: 'x', filters: { teamId: "1' or 1=1" } }] }), 400, 'validation_failed', 'views.0.filters.teamId');
  });
});

describe('lifecycle', () => {
  it('enforces the status machine with 409 listing the allowed moves', async () => {
    const ticket = await createTicket(t);
    const res = await t.call('PATCH', `/api/v1/tickets/${ticket.id}`, admin, { status: 'closed' });
    expectProblem(res, 409, 'conflict', 'status');
    expect(res.json().detail).toContain('open, pending, on_hold, resolved');
    const resolved = await ok(t, 200, 'PATCH', `/api/v1/tickets/${ticket.id}`, admin, { status: 'resolved' });
    expect(resolved.resolvedAt).not.toBeNull();
    const closed = await ok(t, 200, 'PATCH', `/api/v1/tickets/${ticket.id}`, admin, { status: 'closed' });
    expect(closed.closedAt).not.toBeNull();
    expectProblem(await t.call('PATCH', `/api/v1/tickets/${ticket.id}`, admin, { status: 'open' }), 409, 'conflict', 'status');
    expectProblem(await t.call('POST', `/api/v1/tickets/${ticket.id}/messages`, admin, { body: 'late' }), 409, 'conflict');
  });

  it('refuses a stale write with 412 and the current state', async () => {
    const ticket = await createTicket(t);
    const first = await t.call('PATCH', `/api/v1/tickets/${ticket.id}`, admin, { priority: 'high' }, { 'if-match': '"1"' });
    expect(first.statusCode).toBe(200);
    expect(first.headers.etag).toBe('"2"');
    const stale = await t.call('PATCH', `/api/v1/tickets/${ticket.id}`, admin, { priority: 'low' }, { 'if-match': '"1"' });
    expectProblem(stale, 412, 'precondition_failed');
    expect(stale.json().current).toMatchObject({ priority: 'high', version: 2 });
    expectProblem(await t.call('PATCH', `/api/v1/tickets/${ticket.id}`, admin, { priority: 'low' }, { 'if-match': 'yesterday' }), 400, 'validation_failed', 'If-Match');
    expectProblem(await t.call('POST', `/api/v1/tickets/${ticket.id}/messages`, admin, { body: 'hi' }, { 'if-match': '"1"' }), 412, 'precondition_failed');
  });

  it('reopens on a customer reply within the window, and not after it', async () => {
    const c = await t.customerUser();
    const ticket = await createTicket(t, { requesterId: c.customerId });
    await ok(t, 200, 'PATCH', `/api/v1/tickets/${ticket.id}`, admin, { status: 'resolved' });
    await ok(t, 201, 'POST', `/api/v1/tickets/${ticket.id}/messages`, c.cookie, { body: '还是不行' });
    expect((await ok(t, 200, 'GET', `/api/v1/tickets/${ticket.id}`, c.cookie)).status).toBe('open');
    await ok(t, 200, 'PATCH', `/api/v1/tickets/${ticket.id}`, admin, { status: 'resolved' });
    t.clock.advance((t.deps.config.reopenDays + 1) * 86_400_000);
    expectProblem(await t.call('POST', `/api/v1/tickets/${ticket.id}/messages`, c.cookie, { body: '又坏了' }), 409, 'conflict');
  });

  it('lets a customer confirm or reopen a resolution, and nothing else', async () => {
    const c = await t.customerUser();
    const ticket = await createTicket(t, { requesterId: c.customerId });
    expectProblem(await t.call('PATCH', `/api/v1/tickets/${ticket.id}`, c.cookie, { status: 'resolved' }), 409, 'conflict', 'status');
    await ok(t, 200, 'PATCH', `/api/v1/tickets/${ticket.id}`, admin, { status: 'resolved' });
    expect((await ok(t, 200, 'PATCH', `/api/v1/tickets/${ticket.id}`, c.cookie, { status: 'closed' })).status).toBe('closed');
  });
});

describe('conversation', () => {
  it('counts the first public staff reply as first response; internal notes stay internal', async () => {
    const c = await t.customerUser();
    const agent = await t.staff('agent');
    const ticket = await createTicket(t, { requesterId: c.customerId });
    await ok(t, 201, 'POST', `/api/v1/tickets/${ticket.id}/messages`, agent.cookie, { body: '内部：疑似物流问题', internal: true });
    expect((await ok(t, 200, 'GET', `/api/v1/tickets/${ticket.id}`, admin)).firstRespondedAt).toBeNull();
    await ok(t, 201, 'POST', `/api/v1/tickets/${ticket.id}/messages`, agent.cookie, { body: 'Hello <b>there</b> <img src=x onerror=alert(1)> <a href="javascript:alert(1)">x</a>' });
    const after = await ok(t, 200, 'GET', `/api/v1/tickets/${ticket.id}`, admin);
    expect(after.firstRespondedAt).not.toBeNull();
    expect(after.status).toBe('open');
    const seenByCustomer = await ok(t, 200, 'GET', `/api/v1/tickets/${ticket.id}/timeline`, c.cookie);
    const bodies = seenByCustomer.items.filter((i: { kind: string }) => i.kind === 'message').map((m: { bodyHtml: string }) => m.bodyHtml).join('\n');
    expect(bodies).not.toContain('内部');
    expect(bodies).not.toMatch(/onerror|javascript:/);
    expectProblem(await t.call('POST', `/api/v1/tickets/${ticket.id}/messages`, c.cookie, { body: 'x', internal: true }), 403, 'forbidden', 'internal');
    expectProblem(await t.call('POST', `/api/v1/tickets/${ticket.id}/messages`, admin, { body: '<script>alert(1)</script>' }), 400, 'validation_failed', 'body');
  });

  it('notifies mentioned staff', async () => {
    const agent = await t.staff('agent');
    const colleague = await t.staff('supervisor');
    const ticket = await createTicket(t);
    await ok(t, 201, 'POST', `/api/v1/tickets/${ticket.id}/messages`, agent.cookie, { body: '请协助', internal: true, mentionIds: [colleague.id] });
    const bell = await ok(t, 200, 'GET', '/api/v1/notifications?unread=true', colleague.cookie);
    expect(bell.unread).toBe(1);
    expect(bell.items[0]).toMatchObject({ kind: 'mentioned', ticketId: ticket.id });
    await ok(t, 204, 'POST', '/api/v1/notifications/read', colleague.cookie, { ids: 'all' });
    expect((await ok(t, 200, 'GET', '/api/v1/notifications', colleague.cookie)).unread).toBe(0);
  });
});

describe('visibility', () => {
  it("answers 404 for another customer's ticket and another team's ticket", async () => {
    const c = await t.customerUser();
    const other = await createTicket(t);
    const agent = await t.staff('agent');
    const teamTicket = await createTicket(t, { teamId: (await createTeam(t)).id });
    expectProblem(await t.call('GET', `/api/v1/tickets/${other.id}`, c.cookie), 404, 'not_found');
    expectProblem(await t.call('POST', `/api/v1/tickets/${other.id}/messages`, c.cookie, { body: 'x' }), 404, 'not_found');
    expectProblem(await t.call('GET', `/api/v1/tickets/${teamTicket.id}`, agent.cookie), 404, 'not_found');
    const list = await ok(t, 200, 'GET', '/api/v1/tickets?limit=100', c.cookie);
    expect(list.items.every((i: { requesterId: string }) => i.requesterId === c.customerId)).toBe(true);
  });
});

describe('queue', () => {
  it('filters, sorts by priority then recency, and pages without gaps', async () => {
    const team = await createTeam(t);
    const made = [];
    for (const priority of ['low', 'urgent', 'normal', 'high', 'urgent', 'low', 'normal']) {
      made.push(await createTicket(t, { teamId: team.id, priority, tags: ['queue-test'] }));
      t.clock.advance(1000);
    }
    const { items, pages } = await walkPages<{ id: string; priority: string }>(t, `/api/v1/tickets?teamId=${team.id}&assignee=none&status=new,open&sort=priority`, admin, 2);
    expect(pages).toBe(4);
    expect(items).toHaveLength(made.length);
    const ranks = items.map((i) => ['low', 'normal', 'high', 'urgent'].indexOf(i.priority));
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    expect(items[0]!.id).toBe(made[4].id);
    const tagged = await ok(t, 200, 'GET', `/api/v1/tickets?tag=queue-test&priority=urgent`, admin);
    expect(tagged.items).toHaveLength(2);
    expectProblem(await t.call('GET', '/api/v1/tickets?sort=priority&cursor=bm9wZQ', admin), 400, 'validation_failed', 'cursor');
    expectProblem(await t.call('GET', '/api/v1/tickets?status=bogus', admin), 400, 'validation_failed', 'status.0');
  });
});

describe('custom fields on tickets', () => {
  it('validates values on every write and keeps a used field from being deleted', async () => {
    const field = await ok(t, 201, 'POST', '/api/v1/custom-fields', admin, {
      key: 'serial_no', kind: 'text', required: true, ticketTypes: ['repair'], label: { 'zh-CN': '序列号', en: 'Serial number' },
    });
    const customer = await createCustomer(t);
    expectProblem(await t.call('POST', '/api/v1/tickets', admin, { subject: '报修', type: 'repair', requesterId: customer.id }), 400, 'validation_failed', 'customFields.serial_no');
    expectProblem(await t.call('POST', '/api/v1/tickets', admin, { subject: '报修', type: 'repair', requesterId: customer.id, customFields: { serial_no: 42 } }), 400, 'validation_failed', 'customFields.serial_no');
    expectProblem(await t.call('POST', '/api/v1/tickets', admin, { subject: '报修', type: 'repair', requesterId: customer.id, customFields: { serial_no: 'SN-1', nope: 1 } }), 400, 'validation_failed', 'customFields.nope');
    const repair = await ok(t, 201, 'POST', '/api/v1/tickets', admin, { subject: '报修', type: 'repair', requesterId: customer.id, customFields: { serial_no: 'SN-2026-001' } });
    expect(repair.customFields).toEqual({ serial_no: 'SN-2026-001' });
    const filtered = await ok(t, 200, 'GET', '/api/v1/tickets?cf=serial_no:SN-2026-001', admin);
    expect(filtered.items.map((i: { id: string }) => i.id)).toEqual([repair.id]);
    expectProblem(await t.call('PATCH', `/api/v1/tickets/${repair.id}`, admin, { customFields: { serial_no: null } }), 400, 'validation_failed', 'customFields.serial_no');
    expectProblem(await t.call('DELETE', `/api/v1/custom-fields/${field.id}`, admin), 409, 'conflict');
  });
});

describe('automatic close', () => {
  it('closes a resolved ticket after the configured days, but not one reopened since', async () => {
    const c = await t.customerUser();
    const quiet = await createTicket(t, { requesterId: c.customerId });
    const reopened = await createTicket(t, { requesterId: c.customerId });
    for (const x of [quiet, reopened]) await ok(t, 200, 'PATCH', `/api/v1/tickets/${x.id}`, admin, { status: 'resolved' });
    await ok(t, 201, 'POST', `/api/v1/tickets/${reopened.id}/messages`, c.cookie, { body: '问题依旧' });
    await t.deps.jobs.runDue({ includeScheduled: false });
    expect((await ok(t, 200, 'GET', `/api/v1/tickets/${quiet.id}`, admin)).status).toBe('resolved');
    t.clock.advance((t.deps.config.autoCloseDays + 1) * 86_400_000);
    await t.deps.jobs.runDue({ includeScheduled: true });
    expect((await ok(t, 200, 'GET', `/api/v1/tickets/${quiet.id}`, admin)).status).toBe('closed');
    expect((await ok(t, 200, 'GET', `/api/v1/tickets/${reopened.id}`, admin)).status).toBe('open');
    const timeline = await ok(t, 200, 'GET', `/api/v1/tickets/${quiet.id}/timeline`, admin);
    expect(timeline.items.at(-1)).toMatchObject({ kind: 'event', type: 'ticket.auto_closed', actorId: null });
  });
});

describe('attachments on messages', () => {
  it('links uploads to a reply, shows them on the timeline, and keeps internal files from customers', async () => {
    const { multipart } = await import('../../test/multipart.js');
    const c = await t.customerUser();
    const ticket = await createTicket(t, { requesterId: c.customerId });
    const upload = async (name: string) => {
      const form = multipart([{ filename: name, type: 'application/pdf', data: Buffer.from('%PDF-1.4 kefu test') }]);
      const res = await t.call('POST', '/api/v1/attachments', admin, form.body, form.headers);
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    const publicFile = await upload('发票-2026年11月.pdf');
    const internalFile = await upload('内部核查.pdf');
    const reply = await ok(t, 201, 'POST', `/api/v1/tickets/${ticket.id}/messages`, admin, { body: '', attachmentIds: [publicFile] });
    expect(reply.attachments.map((a: { id: string }) => a.id)).toEqual([publicFile]);
    await ok(t, 201, 'POST', `/api/v1/tickets/${ticket.id}/messages`, admin, { body: '核查材料', internal: true, attachmentIds: [internalFile] });
    const timeline = await ok(t, 200, 'GET', `/api/v1/tickets/${ticket.id}/timeline`, c.cookie);
    const files = timeline.items.flatMap((i: { attachments?: { id: string }[] }) => i.attachments ?? []).map((a: { id: string }) => a.id);
    expect(files).toEqual([publicFile]);
    expect((await t.call('GET', `/api/v1/attachments/${publicFile}`, c.cookie)).statusCode).toBe(200);
    expect((await t.call('GET', `/api/v1/attachments/${internalFile}`, c.cookie)).statusCode).toBe(404);
    expectProblem(await t.call('POST', `/api/v1/tickets/${ticket.id}/messages`, admin, { body: 'again', attachmentIds: [publicFile] }), 400, 'validation_failed', 'attachmentIds');
  });
});
