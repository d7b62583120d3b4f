import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, PASSWORD, unique, type TestApp } from '../../test/test-app.js';
import { anon, cookieOf, mailTo, tokenOf } from '../../test/accounts.js';
import { expectProblem, ok, rows } from '../../test/factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

let ipSeq = 0;
const ip = () => `203.0.113.${++ipSeq}`;
const NEW_PASSWORD = 'silver-harbour-lantern-4';

describe('password reset', () => {
  it('mails staff a single-use link that sets a new password, ends every other session and signs in', async () => {
    const agent = await t.staff('agent');
    const other = await t.session(agent.email, PASSWORD);
    const res = await anon(t, '/api/v1/auth/password-reset', { email: agent.email.toUpperCase() }, ip());
    expect([res.statusCode, res.json()]).toEqual([202, { status: 'accepted' }]);
    const [mail] = await mailTo(t, agent.email);
    expect(mail).toMatchObject({ kind: 'account.password_reset', subject: '[Kefu 客服] 重设密码' });
    const token = tokenOf(mail);
    expect(mail.text).toContain(`http://localhost:3000/reset-password?token=${token}`);

    // A refused password leaves the link usable.
    expectProblem(await anon(t, '/api/v1/auth/password-reset/confirm', { token, password: 'qwertyuiop' }, ip()), 400, 'validation_failed', 'password');
    const done = await anon(t, '/api/v1/auth/password-reset/confirm', { token, password: NEW_PASSWORD }, ip());
    expect(done.statusCode).toBe(200);
    expect(done.json().user).toMatchObject({ id: agent.id, role: 'agent' });
    expect((await t.call('GET', '/api/v1/me', cookieOf(done))).statusCode).toBe(200);
    expect((await t.call('GET', '/api/v1/me', agent.cookie)).statusCode).toBe(401);
    expect((await t.call('GET', '/api/v1/me', other)).statusCode).toBe(401);
    expect((await t.login(agent.email, PASSWORD, ip())).statusCode).toBe(401);
    expect((await t.login(agent.email, NEW_PASSWORD, ip())).statusCode).toBe(200);

    // Used twice: refused, and the password stays the one just set.
    expectProblem(await anon(t, '/api/v1/auth/password-reset/confirm', { token, password: 'attackers-choice-99' }, ip()), 410, 'token_used');
    expect((await t.login(agent.email, NEW_PASSWORD, ip())).statusCode).toBe(200);
    const audit = await rows<{ action: string }>(t, sql`select action from audit_events where entity_id = ${agent.id} and action = 'user.password_reset'`);
    expect(audit).toHaveLength(1);
  });

  it('expires the link after one hour', async () => {
    const agent = await t.staff('agent');
    await anon(t, '/api/v1/auth/password-reset', { email: agent.email }, ip());
    const token = tokenOf((await mailTo(t, agent.email))[0]);
    t.clock.advance(60 * 60_000 + 1000);
    expectProblem(await anon(t, '/api/v1/auth/password-reset/confirm', { token, password: NEW_PASSWORD }, ip()), 410, 'token_expired');
    expect((await t.login(agent.email, PASSWORD, ip())).statusCode).toBe(200);
  });

  it('answers unknown and deactivated addresses the same and mails them nothing', async () => {
    const gone = await t.staff('agent');
    await ok(t, 200, 'PATCH', `/api/v1/users/${gone.id}`, await t.adminSession(), { active: false });
    const unknown = `${unique('nobody')}@example.com`;
    const answers = await Promise.all([unknown, gone.email].map((email) => anon(t, '/api/v1/auth/password-reset', { email }, ip())));
    expect(answers.map((r) => [r.statusCode, r.body])).toEqual([[202, '{"status":"accepted"}'], [202, '{"status":"accepted"}']]);
    expect(await mailTo(t, unknown)).toEqual([]);
    expect(await mailTo(t, gone.email)).toEqual([]);
  });

  it('verifies an unverified customer (the mailbox is proven) and lets only the newest link work', async () => {
    const address = `${unique('cust')}@example.com`;
    await anon(t, '/api/v1/auth/register', { email: address, password: PASSWORD, name: 'Forgetful' }, ip());
    await mailTo(t, address);
    await anon(t, '/api/v1/auth/password-reset', { email: address }, ip());
    const older = tokenOf((await mailTo(t, address))[0]);
    await anon(t, '/api/v1/auth/password-reset', { email: address }, ip());
    const newer = tokenOf((await mailTo(t, address))[0]);
    expectProblem(await anon(t, '/api/v1/auth/password-reset/confirm', { token: older, password: NEW_PASSWORD }, ip()), 400, 'token_invalid');
    expect((await anon(t, '/api/v1/auth/password-reset/confirm', { token: newer, password: NEW_PASSWORD }, ip())).statusCode).toBe(200);
    expect((await t.login(address, NEW_PASSWORD, ip())).statusCode).toBe(200);
  });

  it('refuses a link of another purpose', async () => {
    const address = `${unique('cust')}@example.com`;
    await anon(t, '/api/v1/auth/register', { email: address, password: PASSWORD, name: 'Mixed' }, ip());
    const verifyToken = tokenOf((await mailTo(t, address))[0]);
    expectProblem(await anon(t, '/api/v1/auth/password-reset/confirm', { token: verifyToken, password: NEW_PASSWORD }, ip()), 400, 'token_invalid');
    expect((await anon(t, '/api/v1/auth/verify', { token: verifyToken }, ip())).statusCode).toBe(200);
  });

  it('throttles reset requests per address and per IP', async () => {
    const agent = await t.staff('agent');
    const codes = [];
    for (let i = 0; i < 6; i++) codes.push((await anon(t, '/api/v1/auth/password-reset', { email: agent.email }, ip())).statusCode);
    expect(codes).toEqual([202, 202, 202, 202, 202, 429]);
    const from = '192.0.2.200';
    const spray = [];
    for (let i = 0; i < 22; i++) spray.push((await anon(t, '/api/v1/auth/password-reset', { email: `${unique('spray')}@example.com` }, from)).statusCode);
    expect(spray.filter((c) => c === 429)).toHaveLength(2);
    expect(Number((await anon(t, '/api/v1/auth/password-reset', { email: agent.email }, from)).headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('sign-in links', () => {
  it('are refused while the admin has them off, and sign a customer in once, within 15 minutes, when on', async () => {
    const customer = await t.customerUser();
    expectProblem(await anon(t, '/api/v1/auth/login-link', { email: customer.email }, ip()), 403, 'login_link_disabled');
    const admin = await t.adminSession();
    await ok(t, 200, 'PUT', '/api/v1/portal/settings', admin, { loginLinkEnabled: true });
    try {
      expect((await anon(t, '/api/v1/auth/login-link', { email: customer.email }, ip())).statusCode).toBe(202);
      const [mail] = await mailTo(t, customer.email);
      expect(mail.kind).toBe('account.login_link');
      const token = tokenOf(mail);
      const res = await anon(t, '/api/v1/auth/login-link/confirm', { token }, ip());
      expect(res.statusCode).toBe(200);
      expect((await ok(t, 200, 'GET', '/api/v1/me', cookieOf(res))).user.id).toBe(customer.id);
      expectProblem(await anon(t, '/api/v1/auth/login-link/confirm', { token }, ip()), 410, 'token_used');

      await anon(t, '/api/v1/auth/login-link', { email: customer.email }, ip());
      const late = tokenOf((await mailTo(t, customer.email))[0]);
      t.clock.advance(15 * 60_000 + 1000);
      expectProblem(await anon(t, '/api/v1/auth/login-link/confirm', { token: late }, ip()), 410, 'token_expired');

      // Staff accounts never get one; the answer is the same.
      const agent = await t.staff('agent');
      expect((await anon(t, '/api/v1/auth/login-link', { email: agent.email }, ip())).statusCode).toBe(202);
      expect(await mailTo(t, agent.email)).toEqual([]);
    } finally {
      await ok(t, 200, 'PUT', '/api/v1/portal/settings', admin, { loginLinkEnabled: false });
    }
  });
});

describe('maintenance', () => {
  it('sweeps stale tokens and old throttle rows', async () => {
    const { sweepAuth } = await import('./auth.maintenance.js');
    await anon(t, '/api/v1/auth/password-reset', { email: (await t.staff('agent')).email }, ip());
    await t.deps.jobs.runDue();
    t.clock.advance(3 * 86_400_000);
    const swept = await sweepAuth(t.deps);
    expect(swept.accountTokens).toBeGreaterThan(0);
    expect(swept.accountRequests).toBeGreaterThan(0);
  });
});
