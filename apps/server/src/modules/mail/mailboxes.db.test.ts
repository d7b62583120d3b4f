import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, unique, type TestApp } from '../../test/test-app.js';
import { auditOf, createTeam, expectProblem, ok, rows, type Json } from '../../test/factories.js';
import { decryptSecret, secretKey } from './mail-secrets.js';

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.adminSession();
});
afterAll(() => t.close());

const address = () => `${unique('mb')}@example.com`;
const stored = async (id: string) => (await rows<Json>(t, sql`select * from mailboxes where id = ${id}`))[0];

describe('mailboxes', () => {
  it('a fresh install has the default mailbox support@localhost, which the admin may edit', async () => {
    const list = await ok(t, 200, 'GET', '/api/v1/mailboxes', admin);
    const def = list.items.find((m: Json) => m.isDefault);
    expect(def).toMatchObject({ address: 'support@localhost', active: true, imap: null, smtp: null, unknownSenderPolicy: 'new_ticket', autoReply: { enabled: false } });
    expect(def.autoReply.templates['zh-CN'].subject).toContain('{{ticket.number}}');
    const renamed = await ok(t, 200, 'PATCH', `/api/v1/mailboxes/${def.id}`, admin, { name: '客服邮箱' });
    expect(renamed).toMatchObject({ name: '客服邮箱', address: 'support@localhost' });
  });

  it('stores IMAP and SMTP passwords encrypted, never returns them, keeps them when omitted and clears them with null', async () => {
    const team = await createTeam(t);
    const created = await ok(t, 201, 'POST', '/api/v1/mailboxes', admin, {
      name: '售后邮箱', address: address().toUpperCase(), teamId: team.id, unknownSenderPolicy: 'flagged_note',
      imap: { host: 'imap.example.com', user: 'support', password: 'imap-secret-1' },
      smtp: { host: 'smtp.example.com', port: 465, secure: true, user: 'support', password: 'smtp-secret-1', from: '售后 <support@example.com>' },
    });
    expect(created).toMatchObject({
      address: created.address.toLowerCase(), teamId: team.id, unknownSenderPolicy: 'flagged_note',
      imap: { host: 'imap.example.com', port: 993, tls: true, folder: 'INBOX', pollIntervalSeconds: 60, hasPassword: true },
      smtp: { host: 'smtp.example.com', port: 465, secure: true, hasPassword: true, from: '售后 <support@example.com>' },
    });
    expect(JSON.stringify(created)).not.toMatch(/secret-1/);
    const row = await stored(created.id);
    expect(row.imap_password_enc).not.toContain('imap-secret-1');
    expect(decryptSecret(secretKey(t.deps.config), row.imap_password_enc)).toBe('imap-secret-1');
    expect(JSON.stringify(await auditOf(t, created.id))).not.toMatch(/secret-1/);

    await ok(t, 200, 'PATCH', `/api/v1/mailboxes/${created.id}`, admin, { imap: { host: 'imap2.example.com', user: 'support' } });
    expect(decryptSecret(secretKey(t.deps.config), (await stored(created.id)).imap_password_enc)).toBe('imap-secret-1');
    const cleared = await ok(t, 200, 'PATCH', `/api/v1/mailboxes/${created.id}`, admin, { smtp: { host: 'smtp.example.com', password: null } });
    expect(cleared.smtp.hasPassword).toBe(false);
    const noImap = await ok(t, 200, 'PATCH', `/api/v1/mailboxes/${created.id}`, admin, { imap: null });
    expect(noImap.imap).toBeNull();
    expect((await stored(created.id)).imap_password_enc).toBeNull();
  });

  it('keeps one default mailbox, refuses to delete or deactivate it, and refuses a taken address', async () => {
    const before = (await ok(t, 200, 'GET', '/api/v1/mailboxes', admin)).items.find((m: Json) => m.isDefault);
    const next = await ok(t, 201, 'POST', '/api/v1/mailboxes', admin, { name: '新默认', address: address(), isDefault: true });
    const list = (await ok(t, 200, 'GET', '/api/v1/mailboxes', admin)).items;
    expect(list.filter((m: Json) => m.isDefault).map((m: Json) => m.id)).toEqual([next.id]);
    expectProblem(await t.call('DELETE', `/api/v1/mailboxes/${next.id}`, admin), 409, 'conflict');
    expectProblem(await t.call('PATCH', `/api/v1/mailboxes/${next.id}`, admin, { active: false }), 400, 'validation_failed', 'active');
    expectProblem(await t.call('POST', '/api/v1/mailboxes', admin, { name: 'dup', address: next.address.toUpperCase() }), 409, 'already_exists', 'address');
    await ok(t, 200, 'PATCH', `/api/v1/mailboxes/${before.id}`, admin, { isDefault: true });
    await ok(t, 204, 'DELETE', `/api/v1/mailboxes/${next.id}`, admin);
    expectProblem(await t.call('GET', `/api/v1/mailboxes/${next.id}`, admin), 404, 'not_found');
  });

  it('lists active mailboxes for the reply composer to any staff member', async () => {
    const agent = await t.staff('agent');
    const choices = await ok(t, 200, 'GET', '/api/v1/mailboxes/choices', agent.cookie);
    expect(choices.items[0]).toMatchObject({ isDefault: true });
    expect(Object.keys(choices.items[0]).sort()).toEqual(['address', 'id', 'isDefault', 'name']);
  });

  it('refuses hostile settings with a 400 naming the field', async () => {
    const bad: [Record<string, unknown>, string][] = [
      [{ name: 'x', address: 'support@example.com\r\nBcc: evil@example.com' }, 'address'],
      [{ name: 'x', address: 'not-an-address' }, 'address'],
      [{ name: '', address: address() }, 'name'],
      [{ name: 'x', address: address(), imap: { host: 'imap.example.com; rm -rf /', user: 'u' } }, 'imap.host'],
      [{ name: 'x', address: address(), imap: { host: 'imap.example.com', port: 70_000, user: 'u' } }, 'imap.port'],
      [{ name: 'x', address: address(), imap: { host: 'imap.example.com', user: 'u', password: 'a\r\nb' } }, 'imap.password'],
      [{ name: 'x', address: address(), imap: { host: 'imap.example.com', user: 'u', pollIntervalSeconds: 1 } }, 'imap.pollIntervalSeconds'],
      [{ name: 'x', address: address(), unknownSenderPolicy: 'deliver_anyway' }, 'unknownSenderPolicy'],
      [{ name: 'x', address: address(), teamId: '0190a5b4-0000-7000-8000-000000000000' }, 'teamId'],
      [{ name: 'x', address: address(), autoReply: { enabled: true, templates: { 'zh-CN': { subject: 'a\u0000', body: '' }, en: { subject: '', body: '' } } } }, 'autoReply.templates.zh-CN.subject'],
      [{ name: 'x', address: address(), extra: 1 }, ''],
    ];
    for (const [body, field] of bad) {
      const res = await t.call('POST', '/api/v1/mailboxes', admin, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      if (field) expectProblem(res, 400, 'validation_failed', field);
    }
    expectProblem(await t.call('GET', '/api/v1/mailboxes/not-a-uuid', admin), 400, 'validation_failed');
    expectProblem(await t.call('GET', '/api/v1/mail-messages/0190a5b4-0000-7000-8000-000000000000/raw', admin), 404, 'not_found');
  });
});
