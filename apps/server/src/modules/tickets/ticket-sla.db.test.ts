import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { createCustomer, expectProblem, ok } from '../../test/factories.js';

const MINUTE = 60_000;
// Monday 2 March 2026, 09:00 in Shanghai: a working day of the default calendar (09:00–12:00, 13:30–18:00).
const MONDAY_9 = '2026-03-02T01:00:00.000Z';
const shanghai = (hhmm: string) => `2026-03-02T${String(Number(hhmm.slice(0, 2)) - 8).padStart(2, '0')}:${hhmm.slice(3)}:00.000Z`;

let t: TestApp;
let admin: string;
let agent: Awaited<ReturnType<TestApp['staff']>>;

type Target = { target: string; state: string; dueAt: string | null; remainingSeconds: number; breachedAt: string | null; metAt: string | null };
const target = (ticket: { sla: { targets: Target[] } | null }, kind: string) => ticket.sla?.targets.find((x) => x.target === kind);
const get = (id: string) => ok(t, 200, 'GET', `/api/v1/tickets/${id}`, admin);
const timelineTypes = async (id: string) =>
  (await ok(t, 200, 'GET', `/api/v1/tickets/${id}/timeline`, admin)).items.map((i: { type?: string; kind: string }) => i.type ?? i.kind) as string[];
/** Runs the SLA sweep (and any job) as a worker would once the app clock says so. */
const runTimers = () => t.deps.jobs.runDue();
const advance = async (ms: number) => t.clock.advance(ms);
const notificationKinds = async (cookie: string) => (await ok(t, 200, 'GET', '/api/v1/notifications', cookie)).items.map((n: { kind: string }) => n.kind) as string[];

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(MONDAY_9);
  admin = await t.adminSession();
  agent = await t.staff('agent');
});
afterAll(() => t.close());

describe('SLA policies on tickets', () => {
  it('warns, breaches and escalates once each, on time, in calendar time', async () => {
    await ok(t, 201, 'POST', '/api/v1/sla-policies', admin, {
      name: '紧急工单 1 小时', conditions: { priorities: ['urgent'], types: ['repair'] },
      targets: { first_response: { minutes: 60, businessTime: false }, resolution: { minutes: 240, businessTime: false } },
      escalations: [
        { target: 'first_response', atPercent: 75, notify: ['assignee'] },
        { target: 'first_response', afterBreachMinutes: 120, notify: ['managers'], raiseToLevel: 2 },
      ],
    });
    const customer = await createCustomer(t);
    const created = await ok(t, 201, 'POST', '/api/v1/tickets', admin, { subject: '电梯困人', type: 'repair', priority: 'urgent', requesterId: customer.id, assigneeId: agent.id });
    expect(created.sla.policyName).toBe('紧急工单 1 小时');
    expect(target(created, 'first_response')).toMatchObject({ state: 'running', dueAt: new Date(Date.parse(MONDAY_9) + 60 * MINUTE).toISOString(), remainingSeconds: 3600 });
    expect(target(created, 'resolution')?.dueAt).toBe(new Date(Date.parse(MONDAY_9) + 240 * MINUTE).toISOString());

    await advance(44 * MINUTE);
    await runTimers();
    expect(await timelineTypes(created.id)).not.toContain('sla.warning');
    await advance(1 * MINUTE);
    await runTimers();
    await runTimers();
    expect((await timelineTypes(created.id)).filter((x) => x === 'sla.warning')).toHaveLength(1);
    expect(await notificationKinds(agent.cookie)).toContain('sla.warning');

    await advance(16 * MINUTE);
    await runTimers();
    const breached = await get(created.id);
    expect(target(breached, 'first_response')).toMatchObject({ state: 'breached' });
    expect(target(breached, 'first_response')!.remainingSeconds).toBe(-60);
    expect((await timelineTypes(created.id)).filter((x) => x === 'sla.breached')).toHaveLength(1);

    await advance(120 * MINUTE);
    await runTimers();
    await runTimers();
    const escalated = await get(created.id);
    expect(escalated.escalationLevel).toBe(2);
    expect((await timelineTypes(created.id)).filter((x) => x === 'ticket.escalated')).toHaveLength(1);
    expect(await notificationKinds(admin)).toContain('escalation');

    // Answering late keeps the breach on record; resolving stops the resolution clock.
    await ok(t, 201, 'POST', `/api/v1/tickets/${created.id}/messages`, agent.cookie, { body: '<p>师傅已出发</p>', internal: false });
    await ok(t, 200, 'PATCH', `/api/v1/tickets/${created.id}`, agent.cookie, { status: 'resolved' });
    const done = await get(created.id);
    expect(target(done, 'first_response')).toMatchObject({ state: 'breached' });
    expect(target(done, 'resolution')).toMatchObject({ state: 'met', remainingSeconds: (240 - 181) * 60 });
    // Resolving cancelled the timers: the resolution deadline passes without a breach.
    const before = (await timelineTypes(created.id)).length;
    await advance(300 * MINUTE);
    await runTimers();
    expect((await timelineTypes(created.id)).length).toBe(before);
  });

  it('counts business time, moves deadlines when the priority changes and pauses while pending', async () => {
    t.clock.set(MONDAY_9);
    await ok(t, 201, 'POST', '/api/v1/sla-policies', admin, { name: '普通咨询', conditions: { priorities: ['normal'], types: ['inquiry'] }, targets: { first_response: { minutes: 240, businessTime: true } } });
    await ok(t, 201, 'POST', '/api/v1/sla-policies', admin, { name: '高优先级咨询', conditions: { priorities: ['high'], types: ['inquiry'] }, targets: { first_response: { minutes: 60, businessTime: true } } });
    const customer = await createCustomer(t);
    const ticket = await ok(t, 201, 'POST', '/api/v1/tickets', admin, { subject: '发票抬头怎么改', type: 'inquiry', requesterId: customer.id });
    // 3 hours before lunch, then one more after 13:30.
    expect(target(ticket, 'first_response')?.dueAt).toBe(shanghai('14:30'));

    t.clock.set(shanghai('09:30'));
    const high = await ok(t, 200, 'PATCH', `/api/v1/tickets/${ticket.id}`, admin, { priority: 'high' });
    expect(high.sla.policyName).toBe('高优先级咨询');
    expect(target(high, 'first_response')?.dueAt).toBe(shanghai('10:00'));

    t.clock.set(shanghai('09:40'));
    const pending = await ok(t, 200, 'PATCH', `/api/v1/tickets/${ticket.id}`, admin, { status: 'pending' });
    expect(target(pending, 'first_response')).toMatchObject({ state: 'paused', dueAt: null, remainingSeconds: 20 * 60 });

    t.clock.set(shanghai('15:00'));
    const open = await ok(t, 200, 'PATCH', `/api/v1/tickets/${ticket.id}`, admin, { status: 'open' });
    expect(target(open, 'first_response')).toMatchObject({ state: 'running', dueAt: shanghai('15:20') });
  });

  it('starts a next-response clock on each customer message and stops it on the reply', async () => {
    t.clock.set(MONDAY_9);
    await ok(t, 201, 'POST', '/api/v1/sla-policies', admin, {
      name: '建议跟进', conditions: { types: ['suggestion'] },
      targets: { first_response: { minutes: 30, businessTime: false }, next_response: { minutes: 20, businessTime: false } },
    });
    const c = await t.customerUser();
    const ticket = await ok(t, 201, 'POST', '/api/v1/tickets', admin, { subject: '希望增加夜间客服', type: 'suggestion', requesterId: c.customerId });
    expect(target(ticket, 'next_response')).toBeUndefined();
    t.clock.advance(10 * MINUTE);
    await ok(t, 201, 'POST', `/api/v1/tickets/${ticket.id}/messages`, admin, { body: '感谢建议', internal: false });
    expect(target(await get(ticket.id), 'first_response')).toMatchObject({ state: 'met' });
    await ok(t, 201, 'POST', `/api/v1/tickets/${ticket.id}/messages`, admin, { body: '内部备注', internal: true });
    expect(target(await get(ticket.id), 'next_response')).toBeUndefined();

    t.clock.advance(5 * MINUTE);
    await ok(t, 201, 'POST', `/api/v1/tickets/${ticket.id}/messages`, c.cookie, { body: '什么时候上线？' });
    const waiting = target(await get(ticket.id), 'next_response');
    expect(waiting).toMatchObject({ state: 'running', dueAt: new Date(t.clock.now().getTime() + 20 * MINUTE).toISOString() });
    t.clock.advance(5 * MINUTE);
    await ok(t, 201, 'POST', `/api/v1/tickets/${ticket.id}/messages`, admin, { body: '预计下月', internal: false });
    expect(target(await get(ticket.id), 'next_response')).toMatchObject({ state: 'met' });
  });
});

describe('SLA faults', () => {
  it('moves timers when the calendar changes, so a breach fires at the new time', async () => {
    t.clock.set(MONDAY_9);
    const cal = await ok(t, 201, 'POST', '/api/v1/business-calendars', admin, { name: '夜班日历', timeZone: 'Asia/Shanghai', weekly: { '1': [{ start: '09:00', end: '18:00' }] } });
    await ok(t, 201, 'POST', '/api/v1/sla-policies', admin, { name: '夜班协议', conditions: { tags: ['夜班'] }, calendarId: cal.id, targets: { first_response: { minutes: 120, businessTime: true } } });
    const ticket = await ok(t, 201, 'POST', '/api/v1/tickets', admin, { subject: '夜班交接', type: 'request', tags: ['夜班'], requesterId: (await createCustomer(t)).id });
    expect(target(ticket, 'first_response')?.dueAt).toBe(shanghai('11:00'));
    await ok(t, 200, 'PATCH', `/api/v1/business-calendars/${cal.id}`, admin, { weekly: { '1': [{ start: '09:00', end: '10:00' }, { start: '14:00', end: '18:00' }] } });
    await runTimers();
    expect(target(await get(ticket.id), 'first_response')?.dueAt).toBe(shanghai('15:00'));
    t.clock.set(shanghai('11:30'));
    await runTimers();
    expect(await timelineTypes(ticket.id)).not.toContain('sla.breached');
    t.clock.set(shanghai('15:01'));
    await runTimers();
    expect(await timelineTypes(ticket.id)).toContain('sla.breached');
  });

  it('keeps exact time through a thousand pending ↔ open bounces and a clock jumping back', async () => {
    t.clock.set(MONDAY_9);
    await ok(t, 201, 'POST', '/api/v1/sla-policies', admin, { name: '来回切换', conditions: { tags: ['来回'] }, targets: { resolution: { minutes: 600, businessTime: false } } });
    const ticket = await ok(t, 201, 'POST', '/api/v1/tickets', admin, { subject: '反复挂起', type: 'request', tags: ['来回'], requesterId: (await createCustomer(t)).id });
    for (let i = 0; i < 500; i++) {
      t.clock.advance(1000);
      await ok(t, 200, 'PATCH', `/api/v1/tickets/${ticket.id}`, admin, { status: 'pending' });
      t.clock.advance(5000);
      await ok(t, 200, 'PATCH', `/api/v1/tickets/${ticket.id}`, admin, { status: 'open' });
    }
    // 500 running seconds in all; the pending 2,500 s did not count.
    expect(target(await get(ticket.id), 'resolution')?.remainingSeconds).toBe(600 * 60 - 500);
    t.clock.advance(-3_600_000);
    await runTimers();
    const after = target(await get(ticket.id), 'resolution')!;
    expect(after.state).toBe('running');
    expect(after.remainingSeconds).toBe(600 * 60 - 500);
  });
});

describe('manual escalation', () => {
  it('lets the customer escalate once per level, staff up to the top, and lists escalated tickets', async () => {
    const c = await t.customerUser();
    const ticket = await ok(t, 201, 'POST', '/api/v1/tickets', c.cookie, { subject: '退款一直没到账' });
    const first = await ok(t, 200, 'POST', `/api/v1/tickets/${ticket.id}/escalate`, c.cookie, { reason: '已经等了两周' });
    expect(first.escalationLevel).toBe(1);
    expectProblem(await t.call('POST', `/api/v1/tickets/${ticket.id}/escalate`, c.cookie, { reason: '再次催促' }), 409, 'conflict', 'escalationLevel');
    const events = await ok(t, 200, 'GET', `/api/v1/tickets/${ticket.id}/timeline`, c.cookie);
    expect(events.items.find((i: { type?: string }) => i.type === 'ticket.escalated').data).toMatchObject({ level: [0, 1], reason: '已经等了两周', by: 'customer' });

    const queue = await ok(t, 200, 'GET', '/api/v1/tickets?escalated=true&limit=100', admin);
    expect(queue.items.map((i: { id: string }) => i.id)).toContain(ticket.id);
    expect((await ok(t, 200, 'GET', '/api/v1/tickets?escalated=false&limit=100', admin)).items.map((i: { id: string }) => i.id)).not.toContain(ticket.id);

    await ok(t, 200, 'POST', `/api/v1/tickets/${ticket.id}/escalate`, agent.cookie, { reason: '需要经理批准退款' });
    // Now at level 2, the customer may ask once more.
    expect((await ok(t, 200, 'POST', `/api/v1/tickets/${ticket.id}/escalate`, c.cookie, { reason: '请尽快' })).escalationLevel).toBe(3);
    expectProblem(await t.call('POST', `/api/v1/tickets/${ticket.id}/escalate`, agent.cookie, { reason: '再升' }), 409, 'conflict', 'escalationLevel');
  });

  it('refuses hostile escalation requests', async () => {
    const c = await t.customerUser();
    const other = await t.customerUser();
    const ticket = await ok(t, 201, 'POST', '/api/v1/tickets', c.cookie, { subject: '快递丢件' });
    expectProblem(await t.call('POST', `/api/v1/tickets/${ticket.id}/escalate`, other.cookie, { reason: '别人的工单' }), 404, 'not_found');
    expectProblem(await t.call('POST', `/api/v1/tickets/${ticket.id}/escalate`, c.cookie, {}), 400, 'validation_failed', 'reason');
    expectProblem(await t.call('POST', `/api/v1/tickets/${ticket.id}/escalate`, c.cookie, { reason: 'x'.repeat(20_000) }), 400, 'validation_failed', 'reason');
    expectProblem(await t.call('POST', `/api/v1/tickets/${ticket.id}/escalate`, c.cookie, { reason: 'ok', level: 3 }), 400, 'validation_failed');
    expectProblem(await t.call('POST', '/api/v1/tickets/not-a-uuid/escalate', c.cookie, { reason: 'x' }), 400, 'validation_failed');
    // Rate limit: a customer asks at most three times an hour.
    const [m0, m1, m2] = [await ok(t, 201, 'POST', '/api/v1/tickets', c.cookie, { subject: '催单 0' }), await ok(t, 201, 'POST', '/api/v1/tickets', c.cookie, { subject: '催单 1' }), await ok(t, 201, 'POST', '/api/v1/tickets', c.cookie, { subject: '催单 2' })];
    await ok(t, 200, 'POST', `/api/v1/tickets/${ticket.id}/escalate`, c.cookie, { reason: '1' });
    await ok(t, 200, 'POST', `/api/v1/tickets/${m0.id}/escalate`, c.cookie, { reason: '2' });
    await ok(t, 200, 'POST', `/api/v1/tickets/${m1.id}/escalate`, c.cookie, { reason: '3' });
    expectProblem(await t.call('POST', `/api/v1/tickets/${m2.id}/escalate`, c.cookie, { reason: '4' }), 429, 'too_many_requests');
    const storm = await Promise.all(Array.from({ length: 100 }, () => t.call('POST', `/api/v1/tickets/${m2.id}/escalate`, c.cookie, { reason: '催' })));
    expect(new Set(storm.map((r) => r.statusCode))).toEqual(new Set([429]));
    expect((await get(m2.id)).escalationLevel).toBe(0);
  });
});
