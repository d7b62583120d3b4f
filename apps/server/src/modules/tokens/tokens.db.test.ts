import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, unique, type TestApp } from '../../test/test-app.js';
import { createToken, expectProblem, ok, rows } from '../../test/factories.js';
import { sha256 } from '../../platform/ids.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('API tokens', () => {
  it('returns the secret once, at creation, and stores only its hash', async () => {
    const agent = await t.staff('agent');
    const created = await ok(t, 201, 'POST', '/api/v1/tokens', agent.cookie, { name: '工单同步' });
    expect(created.token).toMatchObject({ name: '工单同步', role: 'agent', revokedAt: null, expiresAt: null, lastUsedAt: null });
    expect(created.secret).toMatch(new RegExp(`^kefu_${created.token.prefix}_[A-Za-z0-9_-]{40,}$`));

    const listed = await t.call('GET', '/api/v1/tokens', agent.cookie);
    expect(listed.json().items).toEqual([created.token]);
    expect(listed.body).not.toContain(created.secret);

    const stored = await rows(t, sql`select * from api_tokens where id = ${created.token.id}`);
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(created.secret);
    expect(JSON.stringify(stored)).not.toContain(created.secret.slice(-20));
    expect(stored[0]!.secret_hash).toBe(sha256(created.secret));
    const audit = await ok(t, 200, 'GET', `/api/v1/audit-events?entityId=${created.token.id}`, await t.adminSession());
    expect(JSON.stringify(audit)).not.toContain(created.secret);
  });

  it('authenticates with Bearer on the endpoints its owner may use, and records when it was last used', async () => {
    const agent = await t.staff('agent');
    const { bearer, token } = await createToken(t, agent.cookie);
    expect(await ok(t, 200, 'GET', '/api/v1/me', bearer)).toMatchObject({ via: 'token', effectiveRole: 'agent', user: { id: agent.id } });
    await ok(t, 200, 'GET', '/api/v1/customers', bearer);
    const customer = await ok(t, 201, 'POST', '/api/v1/customers', bearer, { name: '令牌创建的客户' });
    await ok(t, 200, 'PATCH', `/api/v1/customers/${customer.id}`, bearer, { notes: '经由 API' });
    await ok(t, 200, 'GET', '/api/v1/users', bearer);
    expectProblem(await t.call('POST', '/api/v1/teams', bearer, { name: unique('x') }), 403, 'forbidden');
    const listed = await ok(t, 200, 'GET', '/api/v1/tokens', bearer);
    expect(listed.items.find((x: { id: string }) => x.id === token.id).lastUsedAt).toEqual(t.clock.now().toISOString());
    const [event] = (await ok(t, 200, 'GET', `/api/v1/audit-events?entityId=${customer.id}&action=customer.updated`, await t.adminSession())).items;
    expect(event).toMatchObject({ actorId: agent.id });
  });

  it('limits a token to its role even when its owner is an admin', async () => {
    const owner = await t.staff('admin');
    const limited = await createToken(t, owner.cookie, { role: 'agent' });
    const full = await createToken(t, owner.cookie);
    expect(full.token.role).toBe('admin');
    expectProblem(await t.call('GET', '/api/v1/audit-events', limited.bearer), 403, 'forbidden');
    expectProblem(await t.call('POST', '/api/v1/users', limited.bearer, { email: `${unique('n')}@example.com`, name: '新人', role: 'agent', password: 'a-long-password' }), 403, 'forbidden');
    expectProblem(await t.call('PATCH', `/api/v1/users/${owner.id}`, limited.bearer, { role: 'agent' }), 403, 'forbidden');
    expectProblem(await t.call('DELETE', `/api/v1/teams/${owner.id}`, limited.bearer), 403, 'forbidden');
    await ok(t, 200, 'GET', '/api/v1/audit-events', full.bearer);
    await ok(t, 201, 'POST', '/api/v1/teams', full.bearer, { name: unique('令牌组 ') });
  });

  it('never issues a token above its owner, nor to a customer, nor from another token', async () => {
    const agent = await t.staff('agent');
    expectProblem(await t.call('POST', '/api/v1/tokens', agent.cookie, { name: 'x', role: 'admin' }), 400, 'validation_failed', 'role');
    expectProblem(await t.call('POST', '/api/v1/tokens', agent.cookie, { name: 'x', role: 'supervisor' }), 400, 'validation_failed', 'role');
    const customer = await t.customerUser();
    expectProblem(await t.call('POST', '/api/v1/tokens', customer.cookie, { name: 'x' }), 403, 'forbidden');
    const { bearer } = await createToken(t, agent.cookie);
    expectProblem(await t.call('POST', '/api/v1/tokens', bearer, { name: 'minted by a token' }), 400, 'validation_failed', 'authorization');
    expect((await ok(t, 200, 'GET', '/api/v1/tokens', agent.cookie)).items).toHaveLength(1);
  });

  it('stops working at once when revoked; revoking again is harmless; others cannot revoke it', async () => {
    const agent = await t.staff('agent');
    const other = await t.staff('supervisor');
    const { bearer, token } = await createToken(t, agent.cookie);
    expectProblem(await t.call('DELETE', `/api/v1/tokens/${token.id}`, other.cookie), 404, 'not_found');
    expectProblem(await t.call('DELETE', `/api/v1/tokens/${token.id}`, await t.adminSession()), 404, 'not_found');
    expect((await ok(t, 200, 'GET', '/api/v1/tokens', other.cookie)).items).toEqual([]);
    await ok(t, 200, 'GET', '/api/v1/me', bearer);

    await ok(t, 204, 'DELETE', `/api/v1/tokens/${token.id}`, agent.cookie);
    expectProblem(await t.call('GET', '/api/v1/me', bearer), 401, 'unauthenticated');
    await ok(t, 204, 'DELETE', `/api/v1/tokens/${token.id}`, agent.cookie);
    const [listed] = (await ok(t, 200, 'GET', '/api/v1/tokens', agent.cookie)).items;
    expect(listed).toMatchObject({ id: token.id, revokedAt: expect.any(String) });
  });

  it('a token can revoke itself, and then stops working', async () => {
    const agent = await t.staff('agent');
    const { bearer, token } = await createToken(t, agent.cookie);
    await ok(t, 204, 'DELETE', `/api/v1/tokens/${token.id}`, bearer);
    expectProblem(await t.call('GET', '/api/v1/tokens', bearer), 401, 'unauthenticated');
  });

  it('expires after its lifetime', async () => {
    const agent = await t.staff('agent');
    const { bearer, token } = await createToken(t, agent.cookie, { expiresInDays: 1 });
    expect(token.expiresAt).toBe(new Date(t.clock.now().getTime() + 86_400_000).toISOString());
    t.clock.advance(86_400_000 - 60_000);
    await ok(t, 200, 'GET', '/api/v1/me', bearer);
    t.clock.advance(60_000);
    expectProblem(await t.call('GET', '/api/v1/me', bearer), 401, 'unauthenticated');
    t.clock.advance(86_400_000);
    expectProblem(await t.call('GET', '/api/v1/customers', bearer), 401, 'unauthenticated');
    expectProblem(await t.call('POST', '/api/v1/tokens', agent.cookie, { name: 'x', expiresInDays: 0 }), 400, 'validation_failed', 'expiresInDays');
  });

  it("follows its owner's role down when the owner is demoted, and dies with a deactivated owner", async () => {
    const owner = await t.staff('admin');
    const { bearer } = await createToken(t, owner.cookie, { role: 'admin' });
    const admin = await t.adminSession();
    await ok(t, 200, 'GET', '/api/v1/audit-events', bearer);

    await ok(t, 200, 'PATCH', `/api/v1/users/${owner.id}`, admin, { role: 'agent' });
    expect(await ok(t, 200, 'GET', '/api/v1/me', bearer)).toMatchObject({ effectiveRole: 'agent', user: { role: 'agent' } });
    expectProblem(await t.call('GET', '/api/v1/audit-events', bearer), 403, 'forbidden');
    await ok(t, 200, 'GET', '/api/v1/customers', bearer);

    await ok(t, 200, 'PATCH', `/api/v1/users/${owner.id}`, admin, { role: 'admin' });
    await ok(t, 200, 'GET', '/api/v1/audit-events', bearer);

    await ok(t, 200, 'PATCH', `/api/v1/users/${owner.id}`, admin, { active: false });
    expectProblem(await t.call('GET', '/api/v1/me', bearer), 401, 'unauthenticated');
  });

  it('rejects malformed Authorization headers with 401', async () => {
    for (const header of ['Bearer', 'Bearer ', 'Basic YWRtaW46YWRtaW4=', `Bearer ${'x'.repeat(5000)}`, "Bearer ' or 1=1 --", 'Bearer kefu_abc_def extra']) {
      expectProblem(await t.call('GET', '/api/v1/me', null, undefined, { authorization: header }), 401, 'unauthenticated');
    }
  });
});
