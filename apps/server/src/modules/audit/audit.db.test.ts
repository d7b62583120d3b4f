import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, createTestApp, PASSWORD, unique, type TestApp } from '../../test/test-app.js';
import { auditOf, createCustomer, createOrganization, createStaffUser, createTeam, createToken, expectProblem, ok, rows, walkPages, type AuditRow } from '../../test/factories.js';

let t: TestApp;
let admin: string;
let adminId: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.adminSession();
  adminId = (await ok(t, 200, 'GET', '/api/v1/me', admin)).user.id;
});
afterAll(() => t.close());

const UA = { 'user-agent': 'kefu-audit-test/1.0' };
/** The single event of `action` on `entityId`. */
async function eventOf(entityId: string, action: string): Promise<AuditRow> {
  const found = (await auditOf(t, entityId)).filter((e) => e.action === action);
  expect(found, `${action} on ${entityId}`).toHaveLength(1);
  return found[0]!;
}

describe('audit log', () => {
  it('records who changed a user, from where, and only what changed', async () => {
    const email = `${unique('audit')}@example.com`;
    const res = await t.call('POST', '/api/v1/users', admin, { email, name: '审计对象', role: 'agent', password: PASSWORD }, UA);
    const user = res.json();
    const created = await eventOf(user.id, 'user.created');
    expect(created).toMatchObject({
      actorId: adminId, actorName: 'Administrator', entityType: 'user', entityId: user.id, ip: '127.0.0.1', userAgent: UA['user-agent'],
      before: null, after: { email, name: '审计对象', role: 'agent', active: true, teamIds: [] },
    });

    await ok(t, 200, 'PATCH', `/api/v1/users/${user.id}`, admin, { role: 'supervisor', name: '审计对象' });
    expect(await eventOf(user.id, 'user.updated')).toMatchObject({ before: { role: 'agent' }, after: { role: 'supervisor' } });
    expect(Object.keys((await eventOf(user.id, 'user.updated')).after!)).toEqual(['role']);

    await ok(t, 200, 'PATCH', `/api/v1/users/${user.id}`, admin, { active: false });
    expect(await eventOf(user.id, 'user.deactivated')).toMatchObject({ actorId: adminId, before: { active: true }, after: { active: false } });
  });

  it('records profile changes and password changes without any password or hash', async () => {
    const staff = await t.staff('agent');
    await ok(t, 200, 'PATCH', `/api/v1/users/${staff.id}`, admin, { password: 'reset-by-admin-1' });
    const session = await t.session(staff.email, 'reset-by-admin-1');
    await ok(t, 200, 'PATCH', '/api/v1/me', session, { name: '新名字', currentPassword: 'reset-by-admin-1', newPassword: 'chosen-by-me-22' });
    const events = await auditOf(t, staff.id);
    expect(events.map((e) => e.action)).toEqual(['user.created', 'user.updated', 'user.profile_updated']);
    expect(events[1]).toMatchObject({ before: { passwordChanged: false }, after: { passwordChanged: true } });
    expect(events[2]).toMatchObject({ actorId: staff.id, before: { name: expect.any(String) }, after: { name: '新名字', passwordChanged: true } });

    const everything = JSON.stringify(await rows(t, sql`select * from audit_events`));
    const listed = JSON.stringify((await walkPages(t, '/api/v1/audit-events', admin, 100)).items);
    for (const text of [everything, listed]) {
      expect(text).not.toMatch(/argon2|passwordHash|password_hash/);
      for (const secret of [PASSWORD, 'reset-by-admin-1', 'chosen-by-me-22', ADMIN.password]) expect(text).not.toContain(secret);
    }
  });

  it('records team, organization, customer and token changes with before/after diffs', async () => {
    const member = await createStaffUser(t);
    const team = await createTeam(t, { name: unique('审计组 ') });
    await ok(t, 200, 'PATCH', `/api/v1/teams/${team.id}`, admin, { memberIds: [member.id] });
    await ok(t, 204, 'DELETE', `/api/v1/teams/${team.id}`, admin);
    expect(await eventOf(team.id, 'team.created')).toMatchObject({ entityType: 'team', actorId: adminId, before: null, after: { name: team.name, memberIds: [] } });
    expect(await eventOf(team.id, 'team.updated')).toMatchObject({ before: { memberIds: [] }, after: { memberIds: [member.id] } });
    expect(await eventOf(team.id, 'team.deleted')).toMatchObject({ before: { name: team.name, memberIds: [member.id] }, after: null });

    const agent = await t.staff('agent');
    const org = await createOrganization(t, { name: '审计公司' }, agent.cookie);
    await ok(t, 200, 'PATCH', `/api/v1/organizations/${org.id}`, agent.cookie, { name: '审计公司 2', notes: '' });
    await ok(t, 204, 'DELETE', `/api/v1/organizations/${org.id}`, admin);
    expect(await eventOf(org.id, 'organization.created')).toMatchObject({ entityType: 'organization', actorId: agent.id, after: { name: '审计公司' } });
    const orgUpdate = await eventOf(org.id, 'organization.updated');
    expect([orgUpdate.before, orgUpdate.after]).toEqual([{ name: '审计公司' }, { name: '审计公司 2' }]);
    expect(await eventOf(org.id, 'organization.deleted')).toMatchObject({ actorId: adminId, before: { name: '审计公司 2' } });

    const customer = await createCustomer(t, { name: '审计客户', phones: ['138 0000 0000'] }, agent.cookie);
    await ok(t, 200, 'PATCH', `/api/v1/customers/${customer.id}`, agent.cookie, { tags: ['投诉'], phones: ['138 0000 0000'] });
    expect(await eventOf(customer.id, 'customer.created')).toMatchObject({ entityType: 'customer', actorId: agent.id, after: { name: '审计客户', phones: ['138 0000 0000'] } });
    const customerUpdate = await eventOf(customer.id, 'customer.updated');
    expect([customerUpdate.before, customerUpdate.after]).toEqual([{ tags: [] }, { tags: ['投诉'] }]);

    const { token, secret } = await createToken(t, agent.cookie, { name: '审计令牌' });
    await ok(t, 204, 'DELETE', `/api/v1/tokens/${token.id}`, agent.cookie);
    expect(await eventOf(token.id, 'token.created')).toMatchObject({ entityType: 'api_token', actorId: agent.id, after: { name: '审计令牌', role: 'agent', prefix: token.prefix } });
    expect(await eventOf(token.id, 'token.revoked')).toMatchObject({ before: { revoked: false }, after: { revoked: true } });
    expect(JSON.stringify(await auditOf(t, token.id))).not.toContain(secret);
    for (const id of [team.id, org.id, customer.id, token.id]) {
      for (const e of await auditOf(t, id)) expect(e).toMatchObject({ actorId: expect.any(String), actorName: expect.any(String), ip: '127.0.0.1', entityId: id });
    }
  });

  it('filters by actor, entity, action and time, and pages through everything', async () => {
    const actor = await t.staff('supervisor');
    const from = t.clock.now();
    t.clock.advance(60_000);
    const orgs = [] as string[];
    for (let i = 0; i < 7; i++) orgs.push((await createOrganization(t, {}, actor.cookie)).id);
    t.clock.advance(60_000);
    const later = t.clock.now();
    t.clock.advance(60_000);
    await ok(t, 200, 'PATCH', `/api/v1/organizations/${orgs[0]}`, actor.cookie, { notes: '后来改的' });

    const list = async (query: string) => (await walkPages<AuditRow>(t, `/api/v1/audit-events?${query}`, admin, 3)).items;
    const byActor = await list(`actorId=${actor.id}`);
    expect(byActor.map((e) => e.action)).toEqual(['organization.updated', ...orgs.map(() => 'organization.created')]);
    expect(byActor.map((e) => e.entityId)).toEqual([orgs[0], ...[...orgs].reverse()]);
    expect((await list(`actorId=${actor.id}&action=organization.updated`)).map((e) => e.entityId)).toEqual([orgs[0]]);
    expect((await list(`entityType=organization&entityId=${orgs[3]}`)).map((e) => e.action)).toEqual(['organization.created']);
    const window = await list(`actorId=${actor.id}&from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(later.toISOString())}`);
    expect(window).toHaveLength(7);
    expect(window.every((e) => e.action === 'organization.created')).toBe(true);
    expect(await list(`actorId=${actor.id}&from=${encodeURIComponent(new Date(later.getTime() + 1).toISOString())}`)).toHaveLength(1);
    expect(await list('entityType=no-such-thing')).toEqual([]);
    expectProblem(await t.call('GET', '/api/v1/audit-events?from=yesterday', admin), 400, 'validation_failed', 'from');
    expectProblem(await t.call('GET', '/api/v1/audit-events?actorId=42', admin), 400, 'validation_failed', 'actorId');
  });

  it('is append-only: the database refuses UPDATE, DELETE and TRUNCATE', async () => {
    await createOrganization(t);
    const [before] = await rows<{ n: number }>(t, sql`select count(*)::int as n from audit_events`);
    expect(before!.n).toBeGreaterThan(0);
    await expect(t.database.exec(`update audit_events set action = 'forged'`)).rejects.toThrow(/append-only/);
    await expect(t.database.exec(`delete from audit_events`)).rejects.toThrow(/append-only/);
    await expect(t.database.exec(`truncate audit_events`)).rejects.toThrow(/append-only/);
    const [after] = await rows<{ n: number; forged: number }>(t, sql`select count(*)::int as n, count(*) filter (where action = 'forged')::int as forged from audit_events`);
    expect(after).toEqual({ n: before!.n, forged: 0 });
  });
});
