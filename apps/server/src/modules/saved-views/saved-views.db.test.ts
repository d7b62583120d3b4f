import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, unique, type TestApp } from '../../test/test-app.js';
import { auditOf, createTicket, expectProblem, ok } from '../../test/factories.js';

let t: TestApp;
let admin: string;
type Person = Awaited<ReturnType<TestApp['staff']>>;
let agent: Person;
let otherAgent: Person;
let supervisor: Person;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.adminSession();
  [agent, otherAgent, supervisor] = [await t.staff('agent', { name: '李娜' }), await t.staff('agent'), await t.staff('supervisor')];
});
afterAll(() => t.close());

const base = '/api/v1/saved-views';
interface View { id: string; name: string; scope: 'personal' | 'shared'; filters: Record<string, string>; position: number; ownerId: string; ownerName: string | null; editable: boolean }
const make = (auth: string, body: Record<string, unknown> = {}) => ok<View>(t, 201, 'POST', base, auth, { name: unique('视图 '), filters: { status: 'open' }, ...body });
const listIds = async (auth: string) => (await ok<{ items: View[] }>(t, 200, 'GET', base, auth)).items.map((v) => v.id);

describe('saved views: records', () => {
  it('saves queue filters in the queue\'s own query form, and opens the queue with them', async () => {
    const team = (await ok(t, 201, 'POST', '/api/v1/teams', admin, { name: unique('售后 '), memberIds: [agent.id] })).id;
    const view = await make(agent.cookie, { name: '我的紧急工单', filters: { status: 'open, pending', priority: 'urgent,high', assignee: 'me', teamId: team, q: '  空调 ', sort: 'priority' } });
    expect(view).toMatchObject({
      name: '我的紧急工单', scope: 'personal', position: 0, ownerId: agent.id, ownerName: '李娜', editable: true,
      filters: { status: 'open,pending', priority: 'urgent,high', assignee: 'me', teamId: team, q: '空调', sort: 'priority' },
    });
    const ticket = await createTicket(t, { subject: '空调不制冷', priority: 'urgent', teamId: team, assigneeId: null });
    await ok(t, 200, 'PATCH', `/api/v1/tickets/${ticket.id}`, admin, { status: 'open', assigneeId: agent.id });
    const queue = await ok(t, 200, 'GET', `/api/v1/tickets?${new URLSearchParams(view.filters)}`, agent.cookie);
    expect(queue.items.map((i: { id: string }) => i.id)).toEqual([ticket.id]);
    expect((await make(agent.cookie)).position).toBe(1);
  });

  it('renames, refilters, reorders and deletes, auditing each change', async () => {
    const view = await make(agent.cookie, { filters: { tag: 'vip' } });
    const changed = await ok<View>(t, 200, 'PATCH', `${base}/${view.id}`, agent.cookie, { name: '大客户', filters: { tag: 'key', type: 'complaint' }, position: 7 });
    expect(changed).toMatchObject({ name: '大客户', filters: { tag: 'key', type: 'complaint', sort: 'updated' }, position: 7 });
    await ok(t, 204, 'DELETE', `${base}/${view.id}`, agent.cookie);
    expect(await listIds(agent.cookie)).not.toContain(view.id);
    expectProblem(await t.call('DELETE', `${base}/${view.id}`, agent.cookie), 404, 'not_found');
    const audit = await auditOf(t, view.id);
    expect(audit.map((e) => e.action)).toEqual(['saved_view.created', 'saved_view.updated', 'saved_view.deleted']);
    expect(audit[1]!.before).toMatchObject({ filters: { tag: 'vip' } });
    expect(audit.every((e) => e.actorId === agent.id && e.entityType === 'saved_view')).toBe(true);
  });
});

describe('saved views: who sees and changes what', () => {
  it('lists the caller\'s personal views and every shared one; another\'s personal view is 404, even to an admin', async () => {
    const mine = await make(agent.cookie);
    const theirs = await make(otherAgent.cookie);
    const shared = await make(supervisor.cookie, { scope: 'shared' });
    expect(await listIds(agent.cookie)).toEqual(expect.arrayContaining([mine.id, shared.id]));
    expect(await listIds(agent.cookie)).not.toContain(theirs.id);
    expect(await listIds(admin)).not.toContain(theirs.id);
    const sharedFirst = (await ok<{ items: View[] }>(t, 200, 'GET', base, agent.cookie)).items;
    expect(sharedFirst.findIndex((v) => v.id === shared.id)).toBeLessThan(sharedFirst.findIndex((v) => v.id === mine.id));
    for (const who of [agent.cookie, supervisor.cookie, admin]) {
      expectProblem(await t.call('PATCH', `${base}/${theirs.id}`, who, { name: '偷看' }), 404, 'not_found');
      expectProblem(await t.call('DELETE', `${base}/${theirs.id}`, who), 404, 'not_found');
    }
    expect((await ok<{ items: View[] }>(t, 200, 'GET', base, otherAgent.cookie)).items.find((v) => v.id === theirs.id)?.name).toBe(theirs.name);
  });

  it('lets only supervisors and admins create, change or delete shared views', async () => {
    expectProblem(await t.call('POST', base, agent.cookie, { name: 'x', scope: 'shared', filters: {} }), 403, 'forbidden');
    const shared = await make(supervisor.cookie, { scope: 'shared' });
    expect((await ok<{ items: View[] }>(t, 200, 'GET', base, agent.cookie)).items.find((v) => v.id === shared.id)?.editable).toBe(false);
    expectProblem(await t.call('PATCH', `${base}/${shared.id}`, agent.cookie, { name: '改' }), 403, 'forbidden');
    expectProblem(await t.call('DELETE', `${base}/${shared.id}`, agent.cookie), 403, 'forbidden');
    const own = await make(agent.cookie);
    expectProblem(await t.call('PATCH', `${base}/${own.id}`, agent.cookie, { scope: 'shared' }), 403, 'forbidden');
    expect(await ok(t, 200, 'PATCH', `${base}/${shared.id}`, admin, { name: unique('全组 ') })).toMatchObject({ scope: 'shared', ownerId: supervisor.id });
    const published = await ok<View>(t, 200, 'PATCH', `${base}/${(await make(supervisor.cookie)).id}`, supervisor.cookie, { scope: 'shared' });
    expect(await listIds(otherAgent.cookie)).toContain(published.id);
    expectProblem(await t.call('PATCH', `${base}/${shared.id}`, admin, { scope: 'personal' }), 403, 'forbidden');
    await ok(t, 204, 'DELETE', `${base}/${shared.id}`, admin);
  });

  it('keeps customers out', async () => {
    const c = await t.customerUser();
    const shared = await make(supervisor.cookie, { scope: 'shared' });
    expectProblem(await t.call('GET', base, c.cookie), 403, 'forbidden');
    expectProblem(await t.call('POST', base, c.cookie, { name: 'x', filters: {} }), 403, 'forbidden');
    expectProblem(await t.call('PATCH', `${base}/${shared.id}`, c.cookie, { name: 'x' }), 403, 'forbidden');
    expectProblem(await t.call('DELETE', `${base}/${shared.id}`, c.cookie), 403, 'forbidden');
    expectProblem(await t.call('GET', base, null), 401, 'unauthenticated');
  });
});

describe('saved views: hostile input', () => {
  it('answers 400 naming the filter the queue would refuse', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ status: 'bogus' }, 'filters.status.0'],
      [{ priority: 'low,extreme' }, 'filters.priority.1'],
      [{ teamId: 'not-a-uuid' }, 'filters.teamId'],
      [{ cursor: 'abc' }, 'filters.cursor'],
      [{ limit: '10' }, 'filters.limit'],
      [{ sort: 'random' }, 'filters.sort'],
      [{ createdFrom: 'yesterday' }, 'filters.createdFrom'],
      [{ q: 'x'.repeat(201) }, 'filters.q'],
      [{ status: ['open'] }, 'filters.status'],
      [{ $where: '1' }, 'filters.$where'],
    ];
    for (const [filters, field] of cases) expectProblem(await t.call('POST', base, agent.cookie, { name: 'x', filters }), 400, 'validation_failed', field);
    expectProblem(await t.call('POST', base, agent.cookie, { name: 'x', filters: 'status=open' }), 400, 'validation_failed', 'filters');
    expectProblem(await t.call('POST', base, agent.cookie, { name: 'x' }), 400, 'validation_failed', 'filters');
    const view = await make(agent.cookie);
    expectProblem(await t.call('PATCH', `${base}/${view.id}`, agent.cookie, { filters: { assignee: 'someone' } }), 400, 'validation_failed', 'filters.assignee');
    expect((await ok<{ items: View[] }>(t, 200, 'GET', base, agent.cookie)).items.find((v) => v.id === view.id)?.filters).toEqual(view.filters);
  });

  it('refuses bad names, positions and unknown fields, and a second view of the same name in one list', async () => {
    for (const [body, field] of [
      [{ name: '', filters: {} }, 'name'],
      [{ name: 'x'.repeat(81), filters: {} }, 'name'],
      [{ name: 'x\u0000', filters: {} }, 'name'],
      [{ name: 'x', filters: {}, position: -1 }, 'position'],
      [{ name: 'x', filters: {}, position: 1.5 }, 'position'],
      [{ name: 'x', filters: {}, scope: 'public' }, 'scope'],
      [{ name: 'x', filters: {}, ownerId: otherAgent.id }, 'ownerId'],
    ] as const) {
      expectProblem(await t.call('POST', base, agent.cookie, body), 400, 'validation_failed', field);
    }
    const name = unique('待处理 ');
    await make(agent.cookie, { name });
    expectProblem(await t.call('POST', base, agent.cookie, { name: name.toUpperCase(), filters: {} }), 409, 'already_exists', 'name');
    // Another person's list, and the shared list, are other lists.
    await make(otherAgent.cookie, { name });
    const sharedView = await make(supervisor.cookie, { name, scope: 'shared' });
    expectProblem(await t.call('POST', base, admin, { name, scope: 'shared', filters: {} }), 409, 'already_exists', 'name');
    const second = await make(supervisor.cookie, { scope: 'shared' });
    expectProblem(await t.call('PATCH', `${base}/${second.id}`, supervisor.cookie, { name }), 409, 'already_exists', 'name');
    expect(sharedView.name).toBe(name);
    expectProblem(await t.call('PATCH', `${base}/not-an-id`, agent.cookie, { name: 'x' }), 400, 'validation_failed', 'id');
    expectProblem(await t.call('POST', base, agent.cookie, '{"name":'), 400, 'malformed_json');
  });
});
