import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { createToken, expectProblem, ok, walkPages } from '../../test/factories.js';
import { outboxTransport } from './index.js';

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.adminSession();
});
afterAll(() => t.close());

type Summary = { id: string; to: string; kind: string; subject: string; createdAt: string };
const send = (to: string, subject: string, extra: { html?: string; kind?: string; toName?: string } = {}) =>
  outboxTransport(t.deps).send({ kind: extra.kind ?? 'notification', from: 'Kefu <noreply@localhost>', to, subject, text: `正文：${subject}`, html: extra.html, toName: extra.toName });

describe('outbox', () => {
  it('lists mail newest first for admins, filtered by recipient, kind and subject, page by page', async () => {
    const sent: string[] = [];
    for (let i = 0; i < 5; i++) {
      t.clock.advance(1000);
      await send(i % 2 ? 'Li.Na@Example.com' : 'wang@example.com', `通知 ${i}`, { kind: i === 4 ? 'notification.digest' : 'notification' });
      sent.push(`通知 ${i}`);
    }
    const all = await walkPages<Summary>(t, '/api/v1/outbox', admin, 2);
    expect(all.pages).toBe(3);
    expect(all.items.map((m) => m.subject)).toEqual([...sent].reverse());
    expect(all.items[0]).toEqual({ id: expect.any(String), kind: 'notification.digest', to: 'wang@example.com', from: 'Kefu <noreply@localhost>', subject: '通知 4', createdAt: expect.any(String) });

    const toLi = await ok(t, 200, 'GET', '/api/v1/outbox?to=LI.NA%40example.COM', admin);
    expect(toLi.items.map((m: Summary) => [m.to, m.subject])).toEqual([['li.na@example.com', '通知 3'], ['li.na@example.com', '通知 1']]);
    expect((await ok(t, 200, 'GET', '/api/v1/outbox?kind=notification.digest', admin)).items.map((m: Summary) => m.subject)).toEqual(['通知 4']);
    expect((await ok(t, 200, 'GET', `/api/v1/outbox?q=${encodeURIComponent('知 2')}`, admin)).items.map((m: Summary) => m.subject)).toEqual(['通知 2']);
    expect((await ok(t, 200, 'GET', '/api/v1/outbox?q=%25', admin)).items).toEqual([]);
    expect((await ok(t, 200, 'GET', '/api/v1/outbox?to=nobody%40example.com', admin)).items).toEqual([]);
  });

  it('shows one mail whole: text, HTML exactly as sent, and headers', async () => {
    const html = '<p>您好</p><script>alert(1)</script>';
    const { messageId } = await send('zhao@example.com', '[Kefu #10001] 分配给您：测试', { html, toName: '赵磊' });
    const [summary] = (await ok(t, 200, 'GET', '/api/v1/outbox?to=zhao%40example.com', admin)).items;
    const mail = await ok(t, 200, 'GET', `/api/v1/outbox/${summary.id}`, admin);
    expect(mail).toMatchObject({ id: summary.id, to: 'zhao@example.com', subject: '[Kefu #10001] 分配给您：测试', text: '正文：[Kefu #10001] 分配给您：测试', html });
    expect(mail.headers).toMatchObject({ 'Message-ID': messageId, To: '赵磊 <zhao@example.com>', 'Auto-Submitted': 'auto-generated' });
  });

  it('keeps nothing a rolled-back transaction sent', async () => {
    await expect(t.deps.db.transaction(async (tx) => {
      await outboxTransport(t.deps).send({ kind: 'notification', from: 'a@localhost', to: 'rollback@example.com', subject: 'x', text: 'x' }, { tx });
      throw new Error('roll back');
    })).rejects.toThrow('roll back');
    expect((await ok(t, 200, 'GET', '/api/v1/outbox?to=rollback%40example.com', admin)).items).toEqual([]);
  });

  it('is for admins only: staff, customers and tokens are refused, anonymous callers asked to sign in', async () => {
    await send('secret@example.com', '仅管理员可见');
    const [mail] = (await ok(t, 200, 'GET', '/api/v1/outbox?to=secret%40example.com', admin)).items;
    const [agent, supervisor, customer] = [await t.staff('agent'), await t.staff('supervisor'), await t.customerUser()];
    const { bearer } = await createToken(t, admin, { role: 'agent' });
    for (const cookie of [agent.cookie, supervisor.cookie, customer.cookie, bearer]) {
      expectProblem(await t.call('GET', '/api/v1/outbox', cookie), 403, 'forbidden');
      expectProblem(await t.call('GET', `/api/v1/outbox/${mail.id}`, cookie), 403, 'forbidden');
    }
    expectProblem(await t.call('GET', '/api/v1/outbox', null), 401, 'unauthenticated');
    expectProblem(await t.call('GET', `/api/v1/outbox/${mail.id}`, null), 401, 'unauthenticated');
  });

  it('answers 4xx naming the problem to hostile queries and ids', async () => {
    const cases: [string, string][] = [
      ['/api/v1/outbox?to=not-an-email', 'to'],
      ['/api/v1/outbox?to=%3Cscript%3E%40x', 'to'],
      [`/api/v1/outbox?to=${'a'.repeat(300)}%40example.com`, 'to'],
      ['/api/v1/outbox?to=a%40b.c&to=d%40e.f', 'to'],
      ['/api/v1/outbox?kind=%00', 'kind'],
      ['/api/v1/outbox?limit=1000', 'limit'],
      ['/api/v1/outbox?cursor=garbage', 'cursor'],
      [`/api/v1/outbox?cursor=${Buffer.from("x' or 1=1").toString('base64url')}`, 'cursor'],
      ['/api/v1/outbox?sort=subject', 'sort'],
      ['/api/v1/outbox/not-a-uuid', 'id'],
      [`/api/v1/outbox/${encodeURIComponent("'; drop table outbox_messages; --")}`, 'id'],
    ];
    for (const [url, field] of cases) expectProblem(await t.call('GET', url, admin), 400, 'validation_failed', field);
    expectProblem(await t.call('GET', '/api/v1/outbox/00000000-0000-7000-8000-000000000000', admin), 404, 'not_found');
    expectProblem(await t.call('POST', '/api/v1/outbox', admin, {}), 404, 'route_not_found');
    expectProblem(await t.call('DELETE', '/api/v1/outbox/00000000-0000-7000-8000-000000000000', admin), 404, 'route_not_found');
  });
});
