import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { expectProblem, ok } from '../../test/factories.js';

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.adminSession();
});
afterAll(() => t.close());

const targets = { first_response: { minutes: 30, businessTime: true }, resolution: { minutes: 2880, businessTime: true } };

describe('SLA policies', () => {
  it('are created in order, reordered, edited with If-Match and audited', async () => {
    const supervisor = await t.staff('supervisor');
    const vip = await ok(t, 201, 'POST', '/api/v1/sla-policies', supervisor.cookie, {
      name: 'VIP 客户', conditions: { customerTiers: ['vip'] }, targets,
      escalations: [{ target: 'first_response', atPercent: 75, notify: ['assignee'] }, { target: 'resolution', afterBreachMinutes: 120, notify: ['managers'], raiseToLevel: 2 }],
    });
    const complaints = await ok(t, 201, 'POST', '/api/v1/sla-policies', supervisor.cookie, { name: '投诉 48 小时', conditions: { types: ['complaint'] }, targets: { resolution: { minutes: 2880, businessTime: false } } });
    expect(vip).toMatchObject({ position: 1, active: true, pauseStatuses: ['pending', 'on_hold'], calendarId: null, version: 1 });
    expect(complaints.position).toBe(2);
    const reordered = await ok(t, 200, 'PUT', '/api/v1/sla-policies/order', supervisor.cookie, { ids: [complaints.id, vip.id] });
    expect(reordered.items.map((p: { name: string }) => p.name)).toEqual(['投诉 48 小时', 'VIP 客户']);

    const stale = await t.call('PATCH', `/api/v1/sla-policies/${vip.id}`, supervisor.cookie, { active: false }, { 'if-match': '"7"' });
    expectProblem(stale, 412, 'precondition_failed');
    expect(stale.json().current.version).toBe(1);
    const off = await t.call('PATCH', `/api/v1/sla-policies/${vip.id}`, supervisor.cookie, { active: false }, { 'if-match': '"1"' });
    expect(off.statusCode).toBe(200);
    expect(off.json()).toMatchObject({ active: false, version: 2 });
    expect(off.headers.etag).toBe('"2"');
    const audit = await ok(t, 200, 'GET', `/api/v1/audit-events?entityType=sla_policy&entityId=${vip.id}`, admin);
    expect(audit.items.map((e: { action: string }) => e.action).sort()).toEqual(['sla_policy.created', 'sla_policy.updated']);
    await ok(t, 204, 'DELETE', `/api/v1/sla-policies/${complaints.id}`, supervisor.cookie);
    expectProblem(await t.call('GET', `/api/v1/sla-policies/${complaints.id}`, supervisor.cookie), 404, 'not_found');
  });

  it('refuses incoherent and hostile policies with a 4xx naming the field', async () => {
    const name = () => `协议 ${Math.random().toString(36).slice(2)}`;
    const bad = async (body: Record<string, unknown>, field: string, status = 400, code = 'validation_failed') =>
      expectProblem(await t.call('POST', '/api/v1/sla-policies', admin, { name: name(), targets, ...body }), status, code, field);
    await bad({ targets: {} }, 'targets');
    await bad({ targets: { first_response: { minutes: 0, businessTime: true } } }, 'targets.first_response.minutes');
    await bad({ targets: { first_response: { minutes: '30', businessTime: true } } }, 'targets.first_response.minutes');
    await bad({ conditions: { priorities: ['critical'] } }, 'conditions.priorities.0');
    await bad({ conditions: { colour: ['red'] } }, 'conditions.colour');
    await bad({ escalations: [{ target: 'first_response', notify: ['assignee'] }] }, 'escalations.0');
    await bad({ escalations: [{ target: 'next_response', atPercent: 50, notify: ['assignee'] }] }, 'escalations.0.target');
    await bad({ calendarId: '0190a5b4-0000-7000-8000-000000000000' }, 'calendarId');
    await bad({ name: 'x'.repeat(101) }, 'name');
    await bad({ conditions: { tags: Array.from({ length: 20_000 }, (_, i) => `t${i}`) } }, 'conditions.tags');
    const html = await ok(t, 201, 'POST', '/api/v1/sla-policies', admin, { name: '<img src=x onerror=alert(1)>', targets });
    expect(html.name).toBe('<img src=x onerror=alert(1)>'); // stored as text; the web app renders text, never HTML
    await bad({ name: '<IMG SRC=X ONERROR=ALERT(1)>' }, 'name', 409, 'already_exists');
    expectProblem(await t.call('PUT', '/api/v1/sla-policies/order', admin, { ids: [html.id] }), 400, 'validation_failed', 'ids');
    expectProblem(await t.call('PATCH', `/api/v1/sla-policies/${html.id}`, admin, { escalations: [{ target: 'next_response', atPercent: 50, notify: [] }] }), 400, 'validation_failed', 'escalations.0.target');
  });
});
