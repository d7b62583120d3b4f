import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, unique, type TestApp } from '../../test/test-app.js';
import { anon, cookieOf, mailTo, tokenOf } from '../../test/accounts.js';
import { createCustomer, createOrganization, createTicket, expectProblem, ok, rows } from '../../test/factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const PASSWORD = 'blue-lantern-orchard-7';
const email = () => `${unique('signup')}@example.com`;
let ipSeq = 0;
/** A fresh address per test, so the per-IP limit of one test does not spill into another. */
const ip = () => `203.0.113.${++ipSeq}`;

describe('sign-up and verification', () => {
  it('opens an unverified account linked to the CRM record, mails a link, and signs in once it is followed', async () => {
    const address = email();
    const crm = await createCustomer(t, { name: '张伟', emails: [address] });
    const from = ip();
    const res = await anon(t, '/api/v1/auth/register', { email: address.toUpperCase(), password: PASSWORD, name: '张伟', locale: 'zh-CN' }, from);
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ status: 'accepted' });
    expect(res.cookies).toEqual([]);

    const [user] = await rows<{ role: string; customer_id: string; email_verified_at: Date | null }>(t, sql`select role, customer_id, email_verified_at from users where email = ${address}`);
    expect(user).toEqual({ role: 'customer', customer_id: crm.id, email_verified_at: null });

    // Unverified: the right password is refused with a code the page can act on.
    expectProblem(await t.login(address, PASSWORD, from), 403, 'email_not_verified');
    // The wrong password still says only "incorrect".
    expectProblem(await t.login(address, 'wrong-password-123', from), 401, 'invalid_credentials');

    const [mail] = await mailTo(t, address);
    expect(mail).toMatchObject({ kind: 'account.verify_email', subject: '[Kefu 客服] 请验证您的邮箱地址' });
    expect(mail.text).toContain('张伟，您好');
    expect(mail.text).toMatch(/http:\/\/localhost:3000\/verify\?token=[A-Za-z0-9_-]{43}/);
    const token = tokenOf(mail);
    // Only the hash is stored.
    expect(await rows(t, sql`select 1 from account_tokens where token_hash = ${token}`)).toEqual([]);

    const verified = await anon(t, '/api/v1/auth/verify', { token }, from);
    expect(verified.statusCode).toBe(200);
    expect(verified.json().user).toMatchObject({ email: address, role: 'customer', locale: 'zh-CN' });
    const me = await ok(t, 200, 'GET', '/api/v1/me', cookieOf(verified));
    expect(me.user.role).toBe('customer');
    expect((await t.login(address, PASSWORD, from)).statusCode).toBe(200);

    // The portal sees the customer's own requests through the same ticket API.
    const ticket = await createTicket(t, { requesterId: crm.id, subject: '发票问题' });
    expect((await ok(t, 200, 'GET', '/api/v1/tickets', cookieOf(verified))).items.map((x: { id: string }) => x.id)).toEqual([ticket.id]);

    // The link works once.
    expectProblem(await anon(t, '/api/v1/auth/verify', { token }, from), 410, 'token_used');
  });

  it('creates the CRM customer when there is none, joining the organization of the mail domain', async () => {
    const org = await createOrganization(t, { domains: [`${unique('d')}.example.cn`] });
    const address = `li.na@${org.domains[0]}`;
    expect((await anon(t, '/api/v1/auth/register', { email: address, password: PASSWORD, name: 'Li Na', locale: 'en' }, ip())).statusCode).toBe(202);
    const [u] = await rows<{ customer_id: string; locale: string }>(t, sql`select customer_id, locale from users where email = ${address}`);
    const customer = await ok(t, 200, 'GET', `/api/v1/customers/${u!.customer_id}`, await t.adminSession());
    expect(customer).toMatchObject({ name: 'Li Na', emails: [address], organizationId: org.id });
    const [mail] = await mailTo(t, address);
    expect(mail.subject).toBe('[Kefu] Please verify your email address');
    expect(mail.text).toMatch(/^Hello Li Na,/);
  });

  it('answers an existing address exactly like a new one, creates no second account, and mails the owner a warning instead', async () => {
    const staff = await ok(t, 201, 'POST', '/api/v1/users', await t.adminSession(), { email: email(), name: '王芳', role: 'agent', password: PASSWORD });
    const fresh = email();
    const from = ip();
    const a = await anon(t, '/api/v1/auth/register', { email: staff.email, password: 'another-pass-phrase-9', name: 'Mallory' }, from);
    const b = await anon(t, '/api/v1/auth/register', { email: fresh, password: 'another-pass-phrase-9', name: 'Mallory' }, from);
    expect([a.statusCode, a.body, a.headers['content-type']]).toEqual([b.statusCode, b.body, b.headers['content-type']]);
    expect(await rows(t, sql`select id from users where lower(email) = ${staff.email}`)).toHaveLength(1);
    // The existing password still works, the attacker's does not.
    expect((await t.login(staff.email, PASSWORD, from)).statusCode).toBe(200);
    expect((await t.login(staff.email, 'another-pass-phrase-9', ip())).statusCode).toBe(401);

    const [warning] = await mailTo(t, staff.email);
    expect(warning).toMatchObject({ kind: 'account.account_exists', subject: '[Kefu 客服] 有人尝试用您的邮箱注册' });
    expect(warning.text).toContain('http://localhost:3000/forgot-password');
    expect(warning.text).not.toMatch(/token=/);
    const [verify] = await mailTo(t, fresh);
    expect(verify.kind).toBe('account.verify_email');
  });

  it('lets a second sign-up for a never-verified address replace the first one\'s password; only the newest link works', async () => {
    const address = email();
    const from = ip();
    await anon(t, '/api/v1/auth/register', { email: address, password: 'first-pass-phrase-1', name: 'First' }, from);
    const first = tokenOf((await mailTo(t, address))[0]);
    await anon(t, '/api/v1/auth/register', { email: address, password: 'second-pass-phrase-2', name: 'Second' }, from);
    const mails = await mailTo(t, address);
    expect(mails).toHaveLength(2);
    expect(await rows(t, sql`select id from users where email = ${address}`)).toHaveLength(1);
    expectProblem(await anon(t, '/api/v1/auth/verify', { token: first }, from), 400, 'token_invalid');
    expect((await anon(t, '/api/v1/auth/verify', { token: tokenOf(mails[0]) }, from)).json().user.name).toBe('Second');
    expect((await t.login(address, 'second-pass-phrase-2', from)).statusCode).toBe(200);
  });

  it('resends the verification mail to an unverified account only, answering the same for any address', async () => {
    const address = email();
    const from = ip();
    await anon(t, '/api/v1/auth/register', { email: address, password: PASSWORD, name: '赵强' }, from);
    expect(await mailTo(t, address)).toHaveLength(1);
    const answers = await Promise.all([address, email()].map((e) => anon(t, '/api/v1/auth/verify/resend', { email: e }, from)));
    expect(answers.map((r) => [r.statusCode, r.body])).toEqual([[202, '{"status":"accepted"}'], [202, '{"status":"accepted"}']]);
    const mails = await mailTo(t, address);
    expect(mails).toHaveLength(2);
    expect((await anon(t, '/api/v1/auth/verify', { token: tokenOf(mails[0]) }, from)).statusCode).toBe(200);
    // Verified now: another resend mails nothing.
    await anon(t, '/api/v1/auth/verify/resend', { email: address }, from);
    expect(await mailTo(t, address)).toHaveLength(2);
  });

  it('expires the verification link after 48 hours', async () => {
    const address = email();
    await anon(t, '/api/v1/auth/register', { email: address, password: PASSWORD, name: 'Late' }, ip());
    const token = tokenOf((await mailTo(t, address))[0]);
    t.clock.advance(48 * 3_600_000 + 1000);
    expectProblem(await anon(t, '/api/v1/auth/verify', { token }, ip()), 410, 'token_expired');
    expectProblem(await t.login(address, PASSWORD, ip()), 403, 'email_not_verified');
  });
});

describe('hostile sign-ups', () => {
  it('refuses weak passwords naming the field, and creates nothing', async () => {
    const address = email();
    for (const password of ['short', '1234567890', 'aaaaaaaaaaaa', 'abcdefghijkl', `${address.split('@')[0]}!`, 'Password123']) {
      const res = await anon(t, '/api/v1/auth/register', { email: address, password, name: 'Weak' }, ip());
      expectProblem(res, 400, 'validation_failed', 'password');
    }
    expect(await rows(t, sql`select id from users where email = ${address}`)).toEqual([]);
  });

  it('refuses oversized, malformed and unknown fields', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ email: `${'a'.repeat(250)}@example.com`, password: PASSWORD, name: 'X' }, 'email'],
      [{ email: 'not-an-address', password: PASSWORD, name: 'X' }, 'email'],
      [{ email: email(), password: 'x'.repeat(201), name: 'X' }, 'password'],
      [{ email: email(), password: PASSWORD, name: '名'.repeat(201) }, 'name'],
      [{ email: email(), password: PASSWORD, name: 'a\u0000b' }, 'name'],
      [{ email: email(), password: PASSWORD, name: '  ' }, 'name'],
      [{ email: email(), password: PASSWORD, name: 'X', locale: 'fr' }, 'locale'],
      [{ email: email(), password: PASSWORD, name: 'X', role: 'admin' }, ''],
    ];
    for (const [body, field] of cases) {
      const res = await anon(t, '/api/v1/auth/register', body, ip());
      expectProblem(res, 400, 'validation_failed', field || undefined);
    }
    for (const token of ['', 'x'.repeat(201), "' or 1=1 --", 'short']) {
      expect((await anon(t, '/api/v1/auth/verify', { token }, ip())).statusCode).toBe(400);
    }
  });

  it('stores script in a name as text and escapes it in the mail', async () => {
    const address = email();
    const name = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    expect((await anon(t, '/api/v1/auth/register', { email: address, password: PASSWORD, name }, ip())).statusCode).toBe(202);
    const [u] = await rows<{ name: string }>(t, sql`select name from users where email = ${address}`);
    expect(u!.name).toBe(name);
    const [mail] = await mailTo(t, address);
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).not.toContain('<img');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail.headers.To).not.toMatch(/[\r\n]/);
  });

  it('holds sign-ups from one address to the limit: 1,000 attempts, 20 accounts, then 429 with Retry-After', async () => {
    const from = '192.0.2.77';
    const statuses: number[] = [];
    let retryAfter = '';
    for (let batch = 0; batch < 20; batch++) {
      // 50 at once: the limit must hold under concurrency, not only one request after another.
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) =>
        anon(t, '/api/v1/auth/register', { email: `bulk-${batch}-${i}-${unique()}@example.com`, password: PASSWORD, name: 'Bulk' }, from)));
      for (const r of answers) {
        statuses.push(r.statusCode);
        if (r.statusCode === 429) retryAfter = String(r.headers['retry-after']);
      }
    }
    expect(statuses.filter((s) => s === 202)).toHaveLength(20);
    expect(statuses.filter((s) => s === 429)).toHaveLength(980);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    expect(Number(retryAfter)).toBeLessThanOrEqual(3600);
    const [{ n }] = await rows<{ n: number }>(t, sql`select count(*)::int as n from users where email like 'bulk-%'`) as [{ n: number }];
    expect(n).toBe(20);
    // Another address is unaffected; the same one is let in again after the window.
    expect((await anon(t, '/api/v1/auth/register', { email: email(), password: PASSWORD, name: 'Other' }, '192.0.2.78')).statusCode).toBe(202);
    t.clock.advance(3_600_000 + 1000);
    expect((await anon(t, '/api/v1/auth/register', { email: email(), password: PASSWORD, name: 'Later' }, from)).statusCode).toBe(202);
  }, 180_000);

  it('limits sign-ups per email address across many IPs', async () => {
    const address = email();
    const answers = [];
    for (let i = 0; i < 7; i++) {
      answers.push((await anon(t, '/api/v1/auth/register', { email: address, password: PASSWORD, name: 'Flood' }, ip())).statusCode);
      await t.deps.jobs.runDue();
    }
    expect(answers).toEqual([202, 202, 202, 202, 202, 429, 429]);
    expect(await mailTo(t, address)).toHaveLength(5);
  });
});

describe('invitation-only portals', () => {
  it('refuses sign-up with a clear code, and lets an admin invite a customer who then chooses a password', async () => {
    const admin = await t.adminSession();
    await ok(t, 200, 'PUT', '/api/v1/portal/settings', admin, { signupMode: 'invitation' });
    try {
      expectProblem(await anon(t, '/api/v1/auth/register', { email: email(), password: PASSWORD, name: 'Nope' }, ip()), 403, 'signup_disabled');

      const address = email();
      const customer = await createCustomer(t, { name: '陈静', emails: [address], locale: 'en' });
      const invitation = await ok(t, 201, 'POST', `/api/v1/customers/${customer.id}/invite`, admin, {});
      expect(invitation).toMatchObject({ customerId: customer.id, email: address });
      // Invited but not accepted: no way in with any password.
      expectProblem(await t.login(address, PASSWORD, ip()), 401, 'invalid_credentials');

      const [mail] = await mailTo(t, address);
      expect(mail).toMatchObject({ kind: 'account.invitation', subject: '[Kefu] You are invited to the customer portal' });
      expect(mail.text).toContain('/accept-invitation?token=');
      const token = tokenOf(mail);
      expectProblem(await anon(t, '/api/v1/auth/invitation/accept', { token, password: '1234567890' }, ip()), 400, 'validation_failed', 'password');
      const accepted = await anon(t, '/api/v1/auth/invitation/accept', { token, password: PASSWORD, name: 'Chen Jing' }, ip());
      expect(accepted.statusCode).toBe(200);
      expect(accepted.json().user).toMatchObject({ email: address, role: 'customer', name: 'Chen Jing', locale: 'en' });
      expect((await t.login(address, PASSWORD, ip())).statusCode).toBe(200);
      expectProblem(await anon(t, '/api/v1/auth/invitation/accept', { token, password: PASSWORD }, ip()), 410, 'token_used');
      // Accepted: a second invitation is a conflict, not a second account.
      expectProblem(await t.call('POST', `/api/v1/customers/${customer.id}/invite`, admin, {}), 409, 'already_exists', 'email');
    } finally {
      await ok(t, 200, 'PUT', '/api/v1/portal/settings', admin, { signupMode: 'open' });
    }
  });

  it('refuses invitations to addresses that are not the customer\'s, to customers without mail, and to unknown customers', async () => {
    const admin = await t.adminSession();
    const customer = await createCustomer(t, { emails: [email()] });
    expectProblem(await t.call('POST', `/api/v1/customers/${customer.id}/invite`, admin, { email: email() }), 400, 'validation_failed', 'email');
    const mailless = await createCustomer(t, { phones: ['+86 139 0000 1111'] });
    expectProblem(await t.call('POST', `/api/v1/customers/${mailless.id}/invite`, admin, {}), 400, 'validation_failed', 'email');
    expectProblem(await t.call('POST', '/api/v1/customers/01900000-0000-7000-8000-000000000000/invite', admin, {}), 404, 'not_found');
    const staffAddress = email();
    await ok(t, 201, 'POST', '/api/v1/users', admin, { email: staffAddress, name: 'Staff', role: 'agent', password: PASSWORD });
    const clash = await createCustomer(t, { emails: [staffAddress] });
    expectProblem(await t.call('POST', `/api/v1/customers/${clash.id}/invite`, admin, {}), 409, 'already_exists', 'email');
  });
});
