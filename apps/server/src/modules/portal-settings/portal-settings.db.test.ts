import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { createOrganization, expectProblem, ok } from '../../test/factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(32, 7)]);

describe('portal settings', () => {
  it('are public to read, with zero-setup defaults', async () => {
    const res = await t.call('GET', '/api/v1/portal/settings', null);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ name: '', logoUrl: null, primaryColor: '#1d4ed8', languages: ['zh-CN', 'en'], signupMode: 'open', loginLinkEnabled: false, updatedAt: null });
  });

  it('lets an admin brand the portal: name, logo, colour, languages; the logo is served with its type and a strict policy', async () => {
    const admin = await t.adminSession();
    const saved = await ok(t, 200, 'PUT', '/api/v1/portal/settings', admin, {
      name: '  华联客服中心 ', logo: `data:image/png;base64,${PNG.toString('base64')}`, primaryColor: '#0A7D3B', languages: ['en'],
    });
    expect(saved).toMatchObject({ name: '华联客服中心', primaryColor: '#0a7d3b', languages: ['en'], signupMode: 'open', logoUrl: expect.stringMatching(/^\/api\/v1\/portal\/logo\?v=[0-9a-f]{16}$/) });
    expect((await t.call('GET', '/api/v1/portal/settings', null)).json()).toEqual(saved);

    const logo = await t.call('GET', saved.logoUrl, null);
    expect(logo.statusCode).toBe(200);
    expect(logo.headers['content-type']).toBe('image/png');
    expect(logo.headers['x-content-type-options']).toBe('nosniff');
    expect(logo.headers['content-security-policy']).toContain("default-src 'none'");
    expect(logo.rawPayload.equals(PNG)).toBe(true);

    // Omitted fields are kept; null removes the logo.
    const cleared = await ok(t, 200, 'PUT', '/api/v1/portal/settings', admin, { logo: null });
    expect(cleared).toMatchObject({ name: '华联客服中心', logoUrl: null, languages: ['en'] });
    expectProblem(await t.call('GET', '/api/v1/portal/logo', null), 404, 'not_found');
    await ok(t, 200, 'PUT', '/api/v1/portal/settings', admin, { name: '', languages: ['zh-CN', 'en'], primaryColor: '#1d4ed8' });
    const audit = await ok(t, 200, 'GET', '/api/v1/audit-events?entityType=portal_settings', admin);
    expect(audit.items.length).toBeGreaterThanOrEqual(3);
  });

  it('refuses bad values naming the field, and non-admins', async () => {
    const admin = await t.adminSession();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ primaryColor: 'red' }, 'primaryColor'],
      [{ primaryColor: '#12345' }, 'primaryColor'],
      [{ primaryColor: '#1d4ed8; background:url(x)' }, 'primaryColor'],
      [{ languages: [] }, 'languages'],
      [{ languages: ['en', 'en'] }, 'languages'],
      [{ languages: ['fr'] }, 'languages.0'],
      [{ signupMode: 'anyone' }, 'signupMode'],
      [{ name: 'x'.repeat(101) }, 'name'],
      [{ name: 'two\nlines' }, 'name'],
      [{ logo: 'https://evil.example.com/logo.png' }, 'logo'],
      [{ logo: `data:image/png;base64,${Buffer.alloc(300_000).toString('base64')}` }, 'logo'],
      [{ logo: `data:image/png;base64,${Buffer.from('<script>alert(1)</script>').toString('base64')}` }, 'logo'],
      [{ unknown: true }, ''],
    ];
    for (const [body, field] of cases) expectProblem(await t.call('PUT', '/api/v1/portal/settings', admin, body), 400, 'validation_failed', field || undefined);
    const agent = await t.staff('agent');
    expectProblem(await t.call('PUT', '/api/v1/portal/settings', agent.cookie, { name: 'x' }), 403, 'forbidden');
    expectProblem(await t.call('PUT', '/api/v1/portal/settings', null, { name: 'x' }), 401, 'unauthenticated');
  });

  it('drops its cached copy on a second instance when an admin saves', async () => {
    const second = await createTestApp({}, { database: t.database });
    try {
      expect((await second.call('GET', '/api/v1/portal/settings', null)).json().signupMode).toBe('open');
      await ok(t, 200, 'PUT', '/api/v1/portal/settings', await t.adminSession(), { signupMode: 'invitation' });
      await expect.poll(async () => (await second.call('GET', '/api/v1/portal/settings', null)).json().signupMode, { timeout: 5000 }).toBe('invitation');
    } finally {
      await ok(t, 200, 'PUT', '/api/v1/portal/settings', await t.adminSession(), { signupMode: 'open' });
      await second.app.close();
    }
  });
});

describe('portal account', () => {
  it('tells a customer their record and whether their organization shares requests; staff have none', async () => {
    const org = await createOrganization(t, { sharedTickets: true });
    const customer = await t.customerUser();
    expect(await ok(t, 200, 'GET', '/api/v1/portal/account', customer.cookie)).toMatchObject({ customerId: customer.customerId, organization: null });
    await ok(t, 200, 'PATCH', `/api/v1/customers/${customer.customerId}`, await t.adminSession(), { organizationId: org.id });
    expect(await ok(t, 200, 'GET', '/api/v1/portal/account', customer.cookie)).toEqual({
      customerId: customer.customerId, customerName: expect.any(String), organization: { id: org.id, name: org.name, sharedTickets: true },
    });
    expectProblem(await t.call('GET', '/api/v1/portal/account', await t.adminSession()), 403, 'forbidden');
    expectProblem(await t.call('GET', '/api/v1/portal/account', null), 401, 'unauthenticated');
  });
});
