import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, PASSWORD, type TestApp } from '../../test/test-app.js';
import { createCustomer, createStaffUser, createTeam, expectProblem, ok, type Json } from '../../test/factories.js';

const MINUTE = 60_000;
// Monday 2 March 2026, 09:00 in Shanghai: a working day of the default calendar (09:00–12:00, 13:30–18:00).
const MONDAY_9 = '2026-03-02T01:00:00.000Z';
const FROM = '2026-03-02T01:01:00.000Z';
const TO = '2026-03-03T00:00:00.000Z';

let t: TestApp;
let admin: string;
let start: number;
const ids: Record<string, string> = {};

/** Moves the app clock and the booked timers together, so a timer runs when its time comes. */
const advance = async (ms: number) => {
  t.clock.advance(ms);
  await t.deps.jobs.shiftSchedule(ms);
};
/** Sets the clock to `minutes` after the tickets were opened (only ever forward). */
const at = (minutes: number) => advance(start + minutes * MINUTE - t.clock.now().getTime());
const runTimers = () => t.deps.jobs.runDue();
const reply = (ticketId: string, auth = admin) => ok(t, 201, 'POST', `/api/v1/tickets/${ticketId}/messages`, auth, { body: '<p>您好，已处理</p>', internal: false });
const resolve = (ticketId: string) => ok(t, 200, 'PATCH', `/api/v1/tickets/${ticketId}`, admin, { status: 'resolved' });
const report = (groupBy: string, auth = admin, range = `from=${FROM}&to=${TO}`) => ok(t, 200, 'GET', `/api/v1/reports/sla?${range}&groupBy=${groupBy}`, auth);
const rowOf = (r: Json, key: string | null) => r.rows.find((x: { key: string | null }) => x.key === key);
const outcome = (met: number, breached: number) => ({ met, breached, attainment: met + breached === 0 ? null : met / (met + breached) });
const none = outcome(0, 0);

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(MONDAY_9);
  admin = await t.adminSession();
  const a1 = await createStaffUser(t, { name: '王小明' });
  const a2 = await createStaffUser(t, { name: '@SUM(1+1)' });
  const teamA = await createTeam(t, { name: '=HYPERLINK("http://evil.example","点我")', memberIds: [a1.id] });
  const teamB = await createTeam(t, { name: '二线支持', memberIds: [a2.id] });
  Object.assign(ids, { a1: a1.id, a2: a2.id, teamA: teamA.id, teamB: teamB.id });

  const urgent = await ok(t, 201, 'POST', '/api/v1/sla-policies', admin, {
    name: '紧急 1 小时', conditions: { priorities: ['urgent'] },
    targets: { first_response: { minutes: 60, businessTime: false }, resolution: { minutes: 240, businessTime: false } },
  });
  const normal = await ok(t, 201, 'POST', '/api/v1/sla-policies', admin, {
    name: '普通 工作时间', conditions: { priorities: ['normal'] },
    targets: { first_response: { minutes: 120, businessTime: true }, next_response: { minutes: 30, businessTime: false }, resolution: { minutes: 480, businessTime: true } },
  });
  Object.assign(ids, { urgent: urgent.id, normal: normal.id });

  // Opened a minute before the range: answered at once, it must not count anywhere.
  const early = await ok(t, 201, 'POST', '/api/v1/tickets', admin, { subject: '范围之前', priority: 'urgent', teamId: teamA.id, requesterId: (await createCustomer(t)).id });
  await reply(early.id);
  await advance(MINUTE);
  start = t.clock.now().getTime();

  const customer = await t.customerUser();
  const open = (body: Record<string, unknown>) => ok(t, 201, 'POST', '/api/v1/tickets', admin, { subject: '报表工单', requesterId: customer.customerId, ...body });
  const t1 = await open({ type: 'complaint', priority: 'urgent', teamId: teamA.id, assigneeId: a1.id, complaint: { category: 'product_quality' } });
  const t2 = await open({ type: 'repair', priority: 'urgent', teamId: teamA.id, assigneeId: a1.id });
  const t3 = await open({ type: 'complaint', priority: 'urgent', teamId: teamB.id, assigneeId: a2.id, complaint: { category: 'delivery_delay' } });
  const t4 = await open({ type: 'inquiry', priority: 'normal', teamId: teamB.id });
  // No policy matches a low-priority ticket: it carries no SLA and stays out of the report.
  const t5 = await open({ type: 'inquiry', priority: 'low', teamId: teamA.id });
  expect(t5.sla).toBeNull();
  Object.assign(ids, { t1: t1.id, t2: t2.id, t3: t3.id, t4: t4.id });

  await at(10);
  await reply(t3.id);
  await reply(t4.id);
  await at(30);
  await reply(t1.id);
  await at(40);
  await reply(t4.id, customer.cookie); // next-response cycle 1, due at 70
  await at(50);
  await reply(t4.id); // cycle 1 met
  await at(55);
  await reply(t4.id, customer.cookie); // cycle 2, due at 85
  await at(61);
  await runTimers(); // stamps t2's first-response breach (due at 60)
  await at(90);
  await runTimers(); // stamps t4's cycle-2 breach
  await reply(t2.id); // late: first response breached, took 90
  await reply(t4.id); // cycle 2 answered late
  await at(120);
  await resolve(t1.id);
  await at(150);
  await reply(t4.id, customer.cookie); // cycle 3, due at 180; its timer is not run before the first report
  await at(200);
  await resolve(t3.id);
  await at(250);
});
afterAll(() => t.close());

describe('SLA attainment report', () => {
  it('counts a calendar-time target past its due time as breached before its timer stamps it, and once after', async () => {
    const stored = async (id: string, kind: string) =>
      (await ok(t, 200, 'GET', `/api/v1/tickets/${id}`, admin)).sla.targets.find((x: { target: string }) => x.target === kind);
    expect(await stored(ids.t2!, 'resolution')).toMatchObject({ state: 'breached', breachedAt: null });
    expect(await stored(ids.t4!, 'next_response')).toMatchObject({ state: 'breached', breachedAt: null });
    const before = await report('policy');
    // t2's resolution (due at 240) and t4's third cycle (due at 180) are overdue, not stamped yet.
    expect(rowOf(before, ids.urgent!).targets.resolution).toEqual(outcome(2, 1));
    expect(rowOf(before, ids.normal!).targets.next_response).toEqual(outcome(1, 2));
    await runTimers();
    expect((await stored(ids.t2!, 'resolution')).breachedAt).not.toBeNull();
    const after = await report('policy');
    expect(after.rows).toEqual(before.rows);
    expect(after.asOf).toBe(new Date(start + 250 * MINUTE).toISOString());
  });

  it('reports met, breached, attainment, median and p90 per policy, with totals', async () => {
    await at(300);
    await resolve(ids.t2!); // resolved late: breached, took 300
    const r = await report('policy');
    expect(r).toMatchObject({ groupBy: 'policy', from: FROM, to: TO });
    // Named groups sort by name in the reader's language: 紧 (jǐn) before 普 (pǔ).
    expect(r.rows).toEqual([
      {
        key: ids.urgent, label: '紧急 1 小时', tickets: 3,
        targets: { first_response: outcome(2, 1), next_response: none, resolution: outcome(2, 1) },
        // First responses 10, 30, 90; resolutions 120, 200, 300 (percentile_cont interpolates).
        firstResponseMinutes: { median: 30, p90: 78 }, resolutionMinutes: { median: 200, p90: 280 },
      },
      {
        key: ids.normal, label: '普通 工作时间', tickets: 1,
        // t4's first reply took 10 business minutes; its resolution is still running.
        targets: { first_response: outcome(1, 0), next_response: outcome(1, 2), resolution: none },
        firstResponseMinutes: { median: 10, p90: 10 }, resolutionMinutes: { median: null, p90: null },
      },
    ]);
    expect(r.totals).toEqual({
      key: null, label: '', tickets: 4,
      targets: { first_response: outcome(3, 1), next_response: outcome(1, 2), resolution: outcome(2, 1) },
      firstResponseMinutes: { median: 20, p90: 72 }, resolutionMinutes: { median: 200, p90: 280 },
    });
  });

  it('groups by team, agent, priority, type and complaint category', async () => {
    const team = await report('team');
    expect(team.rows.map((x: Json) => [x.key, x.tickets])).toEqual([[ids.teamA, 2], [ids.teamB, 2]]);
    expect(rowOf(team, ids.teamA!)).toMatchObject({
      label: '=HYPERLINK("http://evil.example","点我")',
      targets: { first_response: outcome(1, 1), resolution: outcome(1, 1) },
      firstResponseMinutes: { median: 60, p90: 84 }, resolutionMinutes: { median: 210, p90: 282 },
    });
    expect(rowOf(team, ids.teamB!)).toMatchObject({
      targets: { first_response: outcome(2, 0), next_response: outcome(1, 2), resolution: outcome(1, 0) },
      firstResponseMinutes: { median: 10, p90: 10 }, resolutionMinutes: { median: 200, p90: 200 },
    });

    const agent = await report('agent');
    expect(agent.rows.map((x: Json) => [x.key, x.label, x.tickets])).toEqual([[ids.a2, '@SUM(1+1)', 1], [ids.a1, '王小明', 2], [null, '', 1]]);

    const priority = await report('priority');
    expect(priority.rows.map((x: Json) => [x.key, x.label, x.tickets, x.targets.first_response.met])).toEqual([['urgent', 'urgent', 3, 2], ['normal', 'normal', 1, 1]]);

    const type = await report('type');
    expect(type.rows.map((x: Json) => [x.key, x.tickets])).toEqual([['inquiry', 1], ['repair', 1], ['complaint', 2]]);
    expect(rowOf(type, 'repair').targets).toEqual({ first_response: outcome(0, 1), next_response: none, resolution: outcome(0, 1) });

    const category = await report('category');
    expect(category.rows.map((x: Json) => [x.key, x.tickets, x.resolutionMinutes.median])).toEqual([['product_quality', 1, 120], ['delivery_delay', 1, 200]]);
    expect(category.totals.tickets).toBe(2);
  });

  it('labels a policy by its current name and answers an empty range with zero totals', async () => {
    await ok(t, 200, 'PATCH', `/api/v1/sla-policies/${ids.normal}`, admin, { name: '普通（改名）' });
    expect(rowOf(await report('policy'), ids.normal!).label).toBe('普通（改名）');
    const empty = await report('team', admin, 'from=2025-01-01T00:00:00Z&to=2025-02-01T00:00:00Z');
    expect(empty.rows).toEqual([]);
    expect(empty.totals).toMatchObject({ tickets: 0, targets: { first_response: none }, firstResponseMinutes: { median: null, p90: null } });
  });

  it('exports CSV for Excel: BOM, header, one line per group plus the total, formulas defused', async () => {
    const res = await t.call('GET', `/api/v1/reports/sla.csv?from=${FROM}&to=${TO}&groupBy=team`, admin);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="sla-team-2026-03-02-2026-03-03.csv"');
    expect([...res.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = res.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(4);
    expect(lines[0]!.split(',').slice(0, 5)).toEqual(['服务组', '工单数', '首次响应 达成', '首次响应 超时', '首次响应 达成率(%)']);
    expect(lines[1]).toBe(`"'=HYPERLINK(""http://evil.example"",""点我"")",2,1,1,50,0,0,,1,1,50,60,84,210,282`);
    expect(lines[2]).toBe('二线支持,2,2,0,100,1,2,33.3,1,0,100,10,10,200,200');
    expect(lines[3]).toBe('合计,4,3,1,75,1,2,33.3,2,1,66.7,20,72,200,280');

    const english = await createStaffUser(t, { role: 'supervisor', locale: 'en' });
    const cookie = await t.session(english.email, PASSWORD);
    const agents = (await t.call('GET', `/api/v1/reports/sla.csv?from=${FROM}&to=${TO}&groupBy=agent`, cookie)).body.replace(/^\uFEFF/, '').split('\r\n');
    expect(agents[0]!.startsWith('Agent,Tickets,First response met,First response breached,First response attainment (%)')).toBe(true);
    expect(agents[1]!.startsWith("'@SUM(1+1),1,")).toBe(true);
    expect(agents[3]!.startsWith('Unassigned,1,')).toBe(true);
    const priorities = (await t.call('GET', `/api/v1/reports/sla.csv?from=${FROM}&to=${TO}&groupBy=priority`, cookie)).body.split('\r\n');
    expect(priorities.slice(1, 4).map((l) => l.split(',')[0])).toEqual(['Urgent', 'Normal', 'Total']);
  });

  it('is for supervisors and admins only', async () => {
    const supervisor = await t.staff('supervisor');
    expect((await report('policy', supervisor.cookie)).totals.tickets).toBe(4);
    const agent = await t.staff('agent');
    const customer = await t.customerUser();
    for (const url of [`/api/v1/reports/sla?from=${FROM}&to=${TO}`, `/api/v1/reports/sla.csv?from=${FROM}&to=${TO}`]) {
      expectProblem(await t.call('GET', url, agent.cookie), 403, 'forbidden');
      expectProblem(await t.call('GET', url, customer.cookie), 403, 'forbidden');
      expectProblem(await t.call('GET', url, null), 401, 'unauthenticated');
    }
  });

  it('refuses hostile queries with a 400 naming the field', async () => {
    const bad = async (query: string, field?: string) => {
      for (const path of ['/api/v1/reports/sla', '/api/v1/reports/sla.csv']) {
        expectProblem(await t.call('GET', `${path}?${query}`, admin), 400, 'validation_failed', field);
      }
    };
    await bad(`from=${TO}&to=${FROM}`, 'to');
    await bad(`from=${FROM}&to=${FROM}`, 'to');
    await bad('from=2016-01-01T00:00:00Z&to=2026-01-01T00:00:00Z', 'to');
    await bad('from=2025-01-01T00:00:00Z&to=2026-01-02T00:00:01Z', 'to');
    await bad(`from=${FROM}&to=${TO}&groupBy=customer`, 'groupBy');
    await bad(`from=${FROM}&to=${TO}&groupBy=%3Cscript%3Ealert(1)%3C%2Fscript%3E`, 'groupBy');
    await bad(`from=${FROM}&to=${TO}&groupBy=team&groupBy=agent`, 'groupBy');
    await bad(`to=${TO}`, 'from');
    await bad(`from=yesterday&to=${TO}`, 'from');
    await bad(`from=2026-13-45T00:00:00Z&to=${TO}`, 'from');
    await bad(`from=${FROM}&to=${'9'.repeat(5000)}`, 'to');
    await bad(`from=${FROM}&to=${TO}&teamId=x`);
    await bad(`from=${FROM}&to=${TO}&from=${FROM}`, 'from');
    // A leap year's 366 days are allowed; all of 2024 is one report.
    expect((await report('type', admin, 'from=2024-01-01T00:00:00%2B08:00&to=2025-01-01T00:00:00%2B08:00')).rows).toEqual([]);
  });
});
