import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, PASSWORD, type TestApp } from '../../test/test-app.js';
import { loginThrottle } from './auth.service.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('sign-in', () => {
  it('signs in with a httpOnly SameSite session cookie and returns the user', async () => {
    const agent = await t.staff('agent');
    const res = await t.login(agent.email, PASSWORD);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ user: { id: agent.id, email: agent.email, name: expect.any(String), role: 'agent', locale: 'zh-CN' } });
    const cookie = res.cookies.find((c) => c.name === 'kefu_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    const me = await t.call('GET', '/api/v1/me', `kefu_session=${cookie.value}`);
    expect(me.json()).toMatchObject({ user: { id: agent.id, role: 'agent' }, via: 'session', effectiveRole: 'agent' });
  });

  it('answers a wrong password and an unknown email with the same 401', async () => {
    const agent = await t.staff('agent');
    const wrong = await t.login(agent.email, 'not-the-password', '10.0.0.1');
    const unknown = await t.login('nobody-here@example.com', 'not-the-password', '10.0.0.1');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().detail).toBe(unknown.json().detail);
    expect(wrong.json().code).toBe('invalid_credentials');
    expect(wrong.headers['content-type']).toContain('application/problem+json');
  });

  it('cools an account down after repeated failures, even with the right password, then lets it in', async () => {
    const agent = await t.staff('agent');
    for (let i = 0; i < loginThrottle.perAccount; i++) {
      expect((await t.login(agent.email, `wrong-${i}`, `10.1.0.${i}`)).statusCode).toBe(401);
    }
    const locked = await t.login(agent.email, PASSWORD, '10.1.1.1');
    expect(locked.statusCode).toBe(429);
    expect(locked.json().code).toBe('too_many_requests');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    t.clock.advance(loginThrottle.windowMs + 1000);
    expect((await t.login(agent.email, PASSWORD, '10.1.1.1')).statusCode).toBe(200);
  });

  it('cools an address down after failures across many accounts', async () => {
    const ip = '10.2.0.9';
    for (let i = 0; i < loginThrottle.perAddress; i++) await t.login(`spray-${i}@example.com`, 'guess-password', ip);
    const agent = await t.staff('agent');
    expect((await t.login(agent.email, PASSWORD, ip)).statusCode).toBe(429);
    expect((await t.login(agent.email, PASSWORD, '10.2.0.10')).statusCode).toBe(200);
    t.clock.advance(loginThrottle.windowMs + 1000);
  });

  it('logs out: the cookie stops working', async () => {
    const agent = await t.staff('agent');
    expect((await t.call('POST', '/api/v1/auth/logout', agent.cookie)).statusCode).toBe(204);
    expect((await t.call('GET', '/api/v1/me', agent.cookie)).statusCode).toBe(401);
  });

  it('rejects forged, malformed and expired cookies with 401', async () => {
    for (const cookie of ['kefu_session=forged', `kefu_session=${'x'.repeat(5000)}`, 'kefu_session=%00%27;drop table users']) {
      const res = await t.call('GET', '/api/v1/me', cookie);
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('unauthenticated');
    }
    const agent = await t.staff('agent');
    t.clock.advance((t.deps.config.sessionDays + 1) * 86_400_000);
    expect((await t.call('GET', '/api/v1/me', agent.cookie)).statusCode).toBe(401);
  });

  it('ends every session of a deactivated user at once', async () => {
    const agent = await t.staff('agent');
    const second = await t.session(agent.email, PASSWORD);
    const res = await t.call('PATCH', `/api/v1/users/${agent.id}`, await t.adminSession(), { active: false });
    expect(res.statusCode).toBe(200);
    expect((await t.call('GET', '/api/v1/me', agent.cookie)).statusCode).toBe(401);
    expect((await t.call('GET', '/api/v1/me', second)).statusCode).toBe(401);
    expect((await t.login(agent.email, PASSWORD, '10.3.0.1')).statusCode).toBe(401);
  });

  it('validates the login body and names the field', async () => {
    const res = await t.call('POST', '/api/v1/auth/login', null, { email: 'not-an-email', password: 'x' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([expect.objectContaining({ field: 'email' })]);
  });
});

describe('own profile', () => {
  it('remembers the language per user', async () => {
    const agent = await t.staff('agent');
    const res = await t.call('PATCH', '/api/v1/me', agent.cookie, { locale: 'en' });
    expect(res.statusCode).toBe(200);
    expect(res.json().user.locale).toBe('en');
    const again = await t.session(agent.email, PASSWORD);
    expect((await t.call('GET', '/api/v1/me', again)).json().user.locale).toBe('en');
  });

  it('changes the password only with the current one, and ends the other sessions', async () => {
    const agent = await t.staff('agent');
    const other = await t.session(agent.email, PASSWORD);
    const bad = await t.call('PATCH', '/api/v1/me', agent.cookie, { currentPassword: 'wrong', newPassword: 'a-new-password-1' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('currentPassword');
    const ok = await t.call('PATCH', '/api/v1/me', agent.cookie, { currentPassword: PASSWORD, newPassword: 'a-new-password-1' });
    expect(ok.statusCode).toBe(200);
    expect((await t.call('GET', '/api/v1/me', agent.cookie)).statusCode).toBe(200);
    expect((await t.call('GET', '/api/v1/me', other)).statusCode).toBe(401);
    expect((await t.login(agent.email, 'a-new-password-1')).statusCode).toBe(200);
  });
});

describe('sliding expiry', () => {
  it('renews the session and its cookie while the user stays active', async () => {
    const agent = await t.staff('agent');
    let cookie = agent.cookie;
    for (let day = 0; day < t.deps.config.sessionDays * 2; day += 3) {
      t.clock.advance(3 * 86_400_000);
      const res = await t.call('GET', '/api/v1/me', cookie);
      expect(res.statusCode).toBe(200);
      const renewed = res.cookies.find((c) => c.name === 'kefu_session');
      expect(renewed?.value).toBe(cookie.split('=')[1]);
      expect(renewed!.expires!.getTime()).toBeGreaterThan(t.clock.now().getTime() + (t.deps.config.sessionDays - 1) * 86_400_000);
      cookie = `kefu_session=${renewed!.value}`;
    }
  });
});

describe('maintenance sweep', () => {
  it('removes expired sessions and old failures, and keeps live ones', async () => {
    const { sweepAuth } = await import('./auth.maintenance.js');
    const agent = await t.staff('agent');
    await t.login(agent.email, 'wrong-password', '10.9.0.1');
    t.clock.advance((t.deps.config.sessionDays + 1) * 86_400_000);
    const live = await t.staff('agent');
    const swept = await sweepAuth(t.deps);
    expect(swept.sessions).toBeGreaterThan(0);
    expect(swept.loginAttempts).toBeGreaterThan(0);
    expect((await t.call('GET', '/api/v1/me', live.cookie)).statusCode).toBe(200);
  });
});
