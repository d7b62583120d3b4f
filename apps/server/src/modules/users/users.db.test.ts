import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, createTestApp, PASSWORD, unique, type TestApp } from '../../test/test-app.js';
import { createStaffUser, createTeam, expectProblem, idsOf, ok, walkPages } from '../../test/factories.js';

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.adminSession();
});
afterAll(() => t.close());

interface UserDto { id: string; email: string; name: string; role: string; active: boolean; away: boolean; teamIds: string[]; locale: string }

describe('staff accounts', () => {
  it('creates, reads, updates and lists a staff account without ever exposing the password', async () => {
    const team = await createTeam(t);
    const email = `${unique('wang')}@Example.com`;
    const created = await ok<UserDto>(t, 201, 'POST', '/api/v1/users', admin, { email, name: '王芳', role: 'agent', password: PASSWORD, teamIds: [team.id] });
    expect(created).toMatchObject({ email: email.toLowerCase(), name: '王芳', role: 'agent', active: true, away: false, locale: 'zh-CN', teamIds: [team.id] });
    expect(JSON.stringify(created)).not.toMatch(/password|argon2/i);

    expect(await ok(t, 200, 'GET', `/api/v1/users/${created.id}`, admin)).toEqual(created);

    const updated = await ok<UserDto>(t, 200, 'PATCH', `/api/v1/users/${created.id}`, admin, { name: '王芳芳', role: 'supervisor', locale: 'en', away: true, teamIds: [] });
    expect(updated).toMatchObject({ id: created.id, name: '王芳芳', role: 'supervisor', locale: 'en', away: true, teamIds: [] });
    expect(await ok(t, 200, 'GET', `/api/v1/users/${created.id}`, admin)).toMatchObject({ name: '王芳芳', role: 'supervisor', teamIds: [] });
    expect(await idsOf(t, '/api/v1/users', admin)).toContain(created.id);

    const renamed = await ok(t, 200, 'PATCH', `/api/v1/users/${created.id}`, admin, { password: 'another-password-2' });
    expect(JSON.stringify(renamed)).not.toMatch(/password|argon2/i);
    expect((await t.login(created.email, 'another-password-2')).statusCode).toBe(200);
  });

  it('walks every page of the directory once, newest first, with no duplicate or missing account', async () => {
    const marker = unique('页');
    const made: string[] = [];
    for (let i = 0; i < 30; i++) made.push((await createStaffUser(t, { name: `${marker} ${i}` })).id);
    const firstPage = await ok(t, 200, 'GET', `/api/v1/users?q=${encodeURIComponent(marker)}`, admin);
    expect(firstPage.items).toHaveLength(25);
    expect(firstPage.nextCursor).toEqual(expect.any(String));

    for (const limit of [7, 25, 30]) {
      const { items, pages } = await walkPages<UserDto>(t, `/api/v1/users?q=${encodeURIComponent(marker)}`, admin, limit);
      expect(items.map((u) => u.id)).toEqual([...made].reverse());
      expect(pages).toBe(limit === 30 ? 1 : Math.ceil(30 / limit));
    }
  });

  it('searches by Chinese name, by email in any case, and treats % _ \\ literally', async () => {
    const zhang = await createStaffUser(t, { name: '张伟', email: `${unique('zhangwei')}@kefu.example` });
    const li = await createStaffUser(t, { name: '李娜', email: `${unique('lina')}@kefu.example` });
    const pct = await createStaffUser(t, { name: '100%_满意\\客服' });
    const search = (q: string) => idsOf(t, `/api/v1/users?q=${encodeURIComponent(q)}`, admin);

    expect(await search('张伟')).toEqual([zhang.id]);
    expect(await search('李娜')).toEqual([li.id]);
    expect(await search('娜')).toEqual([li.id]);
    expect(await search(zhang.email.toUpperCase())).toEqual([zhang.id]);
    expect(await search('kefu.example')).toEqual([li.id, zhang.id]);
    expect(await search('100%_满意\\')).toEqual([pct.id]);
    expect(await search('%')).toEqual([pct.id]);
    expect(await search('_满')).toEqual([pct.id]);
    expect(await search('没有这个人')).toEqual([]);
  });

  it('filters by role, by active and by team', async () => {
    const team = await createTeam(t);
    const sup = await createStaffUser(t, { role: 'supervisor', teamIds: [team.id] });
    const agent = await createStaffUser(t, { role: 'agent', teamIds: [team.id] });
    const gone = await createStaffUser(t, { role: 'agent' });
    await ok(t, 200, 'PATCH', `/api/v1/users/${gone.id}`, admin, { active: false });

    const supervisors = await walkPages<UserDto>(t, '/api/v1/users?role=supervisor', admin, 100);
    expect(supervisors.items.map((u) => u.id)).toContain(sup.id);
    expect(supervisors.items.every((u) => u.role === 'supervisor')).toBe(true);

    expect(await idsOf(t, `/api/v1/users?teamId=${team.id}`, admin)).toEqual([agent.id, sup.id]);
    expect(await idsOf(t, `/api/v1/users?teamId=${team.id}&role=agent`, admin)).toEqual([agent.id]);

    const inactive = await walkPages<UserDto>(t, '/api/v1/users?active=false', admin, 100);
    expect(inactive.items.map((u) => u.id)).toContain(gone.id);
    expect(inactive.items.every((u) => !u.active)).toBe(true);
    expect(await idsOf(t, '/api/v1/users?active=true', admin)).not.toContain(gone.id);
  });

  it('lists staff only: customer logins are not in the directory and not found by id', async () => {
    const customer = await t.customerUser();
    expect(await idsOf(t, '/api/v1/users', admin)).not.toContain(customer.id);
    expectProblem(await t.call('GET', `/api/v1/users/${customer.id}`, admin), 404, 'not_found');
    expectProblem(await t.call('PATCH', `/api/v1/users/${customer.id}`, admin, { role: 'admin' }), 404, 'not_found');
    expectProblem(await t.call('GET', '/api/v1/users?role=customer', admin), 400, 'validation_failed', 'role');
  });

  it('answers 409 naming email for a taken address, in any case, on create and on update, staff or customer login', async () => {
    const first = await createStaffUser(t);
    const second = await createStaffUser(t);
    const customer = await t.customerUser();
    const body = { name: '重复', role: 'agent', password: PASSWORD };
    expectProblem(await t.call('POST', '/api/v1/users', admin, { ...body, email: first.email }), 409, 'already_exists', 'email');
    expectProblem(await t.call('POST', '/api/v1/users', admin, { ...body, email: first.email.toUpperCase() }), 409, 'already_exists', 'email');
    expectProblem(await t.call('POST', '/api/v1/users', admin, { ...body, email: customer.email }), 409, 'already_exists', 'email');
    expectProblem(await t.call('PATCH', `/api/v1/users/${second.id}`, admin, { email: first.email.toUpperCase() }), 409, 'already_exists', 'email');
    expect(await ok(t, 200, 'GET', `/api/v1/users/${second.id}`, admin)).toMatchObject({ email: second.email });
  });

  it('refuses teams that do not exist and roles that are not staff, naming the field', async () => {
    const body = { email: `${unique('x')}@example.com`, name: '某人', role: 'agent', password: PASSWORD };
    expectProblem(await t.call('POST', '/api/v1/users', admin, { ...body, teamIds: ['0190a5b4-0000-7000-8000-000000000000'] }), 400, 'validation_failed', 'teamIds');
    expectProblem(await t.call('POST', '/api/v1/users', admin, { ...body, role: 'customer' }), 400, 'validation_failed', 'role');
    expectProblem(await t.call('POST', '/api/v1/users', admin, { ...body, password: 'short' }), 400, 'validation_failed', 'password');
  });

  it('takes a team named twice once', async () => {
    const team = await createTeam(t);
    const user = await ok<UserDto>(t, 201, 'POST', '/api/v1/users', admin, { email: `${unique('twice')}@example.com`, name: '两次', role: 'agent', password: PASSWORD, teamIds: [team.id, team.id] });
    expect(user.teamIds).toEqual([team.id]);
    expect((await ok(t, 200, 'PATCH', `/api/v1/users/${user.id}`, admin, { teamIds: [team.id, team.id] })).teamIds).toEqual([team.id]);
    expect((await ok(t, 200, 'GET', `/api/v1/teams/${team.id}`, admin)).memberIds).toEqual([user.id]);
  });

  it('never deactivates or demotes the last active admin', async () => {
    const me = await ok(t, 200, 'GET', '/api/v1/me', admin);
    const second = await createStaffUser(t, { role: 'admin' });
    // Leave exactly one active admin: the test admin.
    const admins = await walkPages<UserDto>(t, '/api/v1/users?role=admin&active=true', admin, 100);
    for (const a of admins.items) if (a.id !== me.user.id) await ok(t, 200, 'PATCH', `/api/v1/users/${a.id}`, admin, a.id === second.id ? { role: 'agent' } : { active: false });

    const deactivate = expectProblem(await t.call('PATCH', `/api/v1/users/${me.user.id}`, admin, { active: false }), 409, 'conflict');
    expect(deactivate.detail).toMatch(/last active admin/);
    expectProblem(await t.call('PATCH', `/api/v1/users/${me.user.id}`, admin, { role: 'supervisor' }), 409, 'conflict');
    expect(await ok(t, 200, 'GET', `/api/v1/users/${me.user.id}`, admin)).toMatchObject({ role: 'admin', active: true });

    // With a second active admin, either may step down.
    await ok(t, 200, 'PATCH', `/api/v1/users/${second.id}`, admin, { role: 'admin' });
    await ok(t, 200, 'PATCH', `/api/v1/users/${second.id}`, admin, { active: false });
    expectProblem(await t.call('PATCH', `/api/v1/users/${me.user.id}`, admin, { active: false }), 409, 'conflict');
    await ok(t, 200, 'PATCH', `/api/v1/users/${second.id}`, admin, { active: true });
    await ok(t, 200, 'PATCH', `/api/v1/users/${me.user.id}`, admin, { role: 'supervisor' });
    const secondSession = await t.session(second.email, PASSWORD);
    await ok(t, 200, 'PATCH', `/api/v1/users/${me.user.id}`, secondSession, { role: 'admin' });
    expect((await t.login(ADMIN.email, ADMIN.password)).statusCode).toBe(200);
  });
});
