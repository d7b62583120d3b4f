import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, unique, type TestApp } from '../../test/test-app.js';
import { createStaffUser, createTeam, expectProblem, idsOf, ok, walkPages } from '../../test/factories.js';

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.adminSession();
});
afterAll(() => t.close());

const missing = '0190a5b4-0000-7000-8000-000000000000';
interface TeamDto { id: string; name: string; description: string; assignmentMode: string; memberIds: string[] }

describe('teams', () => {
  it('creates, reads, updates and deletes a team with its members', async () => {
    const a = await createStaffUser(t);
    const b = await createStaffUser(t, { role: 'supervisor' });
    const name = unique('售后服务 ');
    const created = await ok<TeamDto>(t, 201, 'POST', '/api/v1/teams', admin, { name, description: '处理退换货', memberIds: [a.id, a.id] });
    expect(created).toMatchObject({ name, description: '处理退换货', assignmentMode: 'manual', memberIds: [a.id] });
    expect(await ok(t, 200, 'GET', `/api/v1/teams/${created.id}`, admin)).toEqual(created);
    expect((await ok(t, 200, 'GET', `/api/v1/users/${a.id}`, admin)).teamIds).toEqual([created.id]);

    const updated = await ok<TeamDto>(t, 200, 'PATCH', `/api/v1/teams/${created.id}`, admin, { assignmentMode: 'round_robin', memberIds: [b.id] });
    expect(updated).toMatchObject({ name, assignmentMode: 'round_robin', memberIds: [b.id] });
    const renamed = await ok<TeamDto>(t, 200, 'PATCH', `/api/v1/teams/${created.id}`, admin, { name: `${name} 二组`, description: '' });
    expect(renamed).toMatchObject({ name: `${name} 二组`, description: '', memberIds: [b.id] });
    expect((await ok(t, 200, 'GET', `/api/v1/users/${a.id}`, admin)).teamIds).toEqual([]);
    expect(await idsOf(t, '/api/v1/teams', admin)).toContain(created.id);

    await ok(t, 204, 'DELETE', `/api/v1/teams/${created.id}`, admin);
    expectProblem(await t.call('GET', `/api/v1/teams/${created.id}`, admin), 404, 'not_found');
    expect((await ok(t, 200, 'GET', `/api/v1/users/${b.id}`, admin)).teamIds).toEqual([]);
    expect(await idsOf(t, '/api/v1/teams', admin)).not.toContain(created.id);
  });

  it('answers 404 for a team that does not exist', async () => {
    expectProblem(await t.call('GET', `/api/v1/teams/${missing}`, admin), 404, 'not_found');
    expectProblem(await t.call('PATCH', `/api/v1/teams/${missing}`, admin, { name: '不存在' }), 404, 'not_found');
    expectProblem(await t.call('DELETE', `/api/v1/teams/${missing}`, admin), 404, 'not_found');
  });

  it('walks every page once, newest first', async () => {
    const marker = unique('组');
    const made: string[] = [];
    for (let i = 0; i < 27; i++) made.push((await createTeam(t, { name: `${marker} ${i}` })).id);
    for (const limit of [5, 25, 100]) {
      const { items } = await walkPages<TeamDto>(t, `/api/v1/teams?q=${encodeURIComponent(marker)}`, admin, limit);
      expect(items.map((x) => x.id)).toEqual([...made].reverse());
    }
    const page = await ok(t, 200, 'GET', `/api/v1/teams?q=${encodeURIComponent(marker)}`, admin);
    expect(page.items).toHaveLength(25);
  });

  it('searches by name, Chinese included, case-insensitively and with % _ taken literally', async () => {
    const tech = await createTeam(t, { name: unique('技术支持 ') });
    const logistics = await createTeam(t, { name: unique('物流 Logistics ') });
    const odd = await createTeam(t, { name: unique('50%_off ') });
    const search = (q: string) => idsOf(t, `/api/v1/teams?q=${encodeURIComponent(q)}`, admin);
    expect(await search('技术支持')).toEqual([tech.id]);
    expect(await search('LOGISTICS')).toEqual([logistics.id]);
    expect(await search('50%_')).toEqual([odd.id]);
    expect(await search('%')).toEqual([odd.id]);
    expect(await search('_')).toEqual([odd.id]);
  });

  it('answers 409 naming name for a taken team name, in any case', async () => {
    const name = unique('Quality ');
    const team = await createTeam(t, { name });
    expectProblem(await t.call('POST', '/api/v1/teams', admin, { name: name.toUpperCase() }), 409, 'already_exists', 'name');
    const other = await createTeam(t);
    expectProblem(await t.call('PATCH', `/api/v1/teams/${other.id}`, admin, { name }), 409, 'already_exists', 'name');
    expect(await ok(t, 200, 'GET', `/api/v1/teams/${team.id}`, admin)).toMatchObject({ name });
  });

  it('takes only staff as members: customer logins and unknown ids are refused, naming memberIds', async () => {
    const customer = await t.customerUser();
    const staff = await createStaffUser(t);
    expectProblem(await t.call('POST', '/api/v1/teams', admin, { name: unique('质检 '), memberIds: [staff.id, customer.id] }), 400, 'validation_failed', 'memberIds');
    expectProblem(await t.call('POST', '/api/v1/teams', admin, { name: unique('质检 '), memberIds: [missing] }), 400, 'validation_failed', 'memberIds');
    const team = await createTeam(t, { memberIds: [staff.id] });
    expectProblem(await t.call('PATCH', `/api/v1/teams/${team.id}`, admin, { memberIds: [customer.id] }), 400, 'validation_failed', 'memberIds');
    expect((await ok(t, 200, 'GET', `/api/v1/teams/${team.id}`, admin)).memberIds).toEqual([staff.id]);
    expectProblem(await t.call('POST', '/api/v1/teams', admin, { name: unique('x'), assignmentMode: 'random' }), 400, 'validation_failed', 'assignmentMode');
  });
});
