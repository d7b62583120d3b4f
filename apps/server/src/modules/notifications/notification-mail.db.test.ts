import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../platform/db/transaction.js';
import { createTestApp, PASSWORD, type TestApp } from '../../test/test-app.js';
import { createStaffUser, createTicket, ok, rows, type Json } from '../../test/factories.js';
import { notifyUsers } from '../tickets/notifications.js';

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.adminSession();
});
afterAll(() => t.close());

/** What the outbox holds for one address, newest first, with bodies. */
async function mailTo(app: TestApp, email: string): Promise<Json[]> {
  const cookie = await app.adminSession();
  const page = await ok(app, 200, 'GET', `/api/v1/outbox?to=${encodeURIComponent(email)}`, cookie);
  return Promise.all(page.items.map((m: { id: string }) => ok(app, 200, 'GET', `/api/v1/outbox/${m.id}`, cookie)));
}
const statuses = async (app: TestApp, userId: string) =>
  (await rows<{ status: string }>(app, sql`select status from notification_emails where user_id = ${userId} order by id`)).map((r) => r.status);

describe('notification mail', () => {
  it('mails an assignment once its job runs, in the assignee\'s language, naming the ticket and linking to it', async () => {
    const zh = await createStaffUser(t, { name: '李娜' });
    const en = await createStaffUser(t, { name: 'Lena Li', locale: 'en' });
    const forZh = await createTicket(t, { subject: '发票抬头错误', assigneeId: zh.id });
    const forEn = await createTicket(t, { subject: 'Invoice title is wrong', assigneeId: en.id });
    expect(await statuses(t, zh.id)).toEqual(['queued']);
    expect(await mailTo(t, zh.email)).toEqual([]);

    await t.deps.jobs.runDue();
    expect(await statuses(t, zh.id)).toEqual(['sent']);
    const [mZh] = await mailTo(t, zh.email);
    expect(mZh).toMatchObject({ kind: 'notification', to: zh.email, from: 'Kefu <noreply@localhost>', subject: `[Kefu #${forZh.number}] 分配给您：发票抬头错误` });
    expect(mZh.text).toContain(`将工单 #${forZh.number} 分配给了您。`);
    expect(mZh.text).toContain(`http://localhost:3000/tickets/${forZh.id}`);
    expect(mZh.html).toContain(`href="http://localhost:3000/tickets/${forZh.id}"`);
    expect(mZh.headers).toMatchObject({ 'Auto-Submitted': 'auto-generated', 'X-Kefu-Notification': 'ticket.assigned', To: `李娜 <${zh.email}>` });
    expect(mZh.headers['Message-ID']).toMatch(/^<[0-9a-f-]{36}@localhost>$/);
    const [stored] = await rows<{ message_id: string }>(t, sql`select message_id from notification_emails where user_id = ${zh.id}`);
    expect(stored!.message_id).toBe(mZh.headers['Message-ID']);

    const [mEn] = await mailTo(t, en.email);
    expect(mEn.subject).toBe(`[Kefu #${forEn.number}] Assigned to you: Invoice title is wrong`);
    expect(mEn.text).toMatch(/^Hello Lena Li,/);
    expect(mEn.text).toContain(`assigned ticket #${forEn.number} to you.`);
    expect(mEn.text).toContain(`http://localhost:3000/tickets/${forEn.id}`);
    // A second run finds nothing owed.
    expect(await t.deps.jobs.runDue()).toBe(0);
    expect(await mailTo(t, zh.email)).toHaveLength(1);
  });

  it('mails mentions by default and customer replies only when asked to', async () => {
    const [author, colleague] = [await t.staff('agent'), await t.staff('agent', { name: '王芳' })];
    const customer = await t.customerUser();
    const ticket = await createTicket(t, { requesterId: customer.customerId, assigneeId: colleague.id });
    await t.deps.jobs.runDue();
    await ok(t, 201, 'POST', `/api/v1/tickets/${ticket.id}/messages`, author.cookie, { body: '请看一下', internal: true, mentionIds: [colleague.id] });
    await ok(t, 201, 'POST', `/api/v1/tickets/${ticket.id}/messages`, customer.cookie, { body: '有人吗？' });
    // The mention falls inside the window the assignment's mail opened; the customer's reply mails nothing.
    await t.deps.jobs.runDue();
    expect(await statuses(t, colleague.id)).toEqual(['sent', 'held']);
    t.clock.advance(10 * 60_000);
    await t.deps.jobs.runDue({ includeScheduled: true });
    const mails = await mailTo(t, colleague.email);
    expect(mails.map((m) => m.headers['X-Kefu-Notification'])).toEqual(['mentioned', 'ticket.assigned']);
    expect(mails[0].text).toContain(`在工单 #${ticket.number} 中提到了您。`);

    await ok(t, 200, 'PUT', '/api/v1/me/notification-preferences', colleague.cookie, { items: [{ kind: 'customer.replied', inApp: true, email: true }] });
    await ok(t, 201, 'POST', `/api/v1/tickets/${ticket.id}/messages`, customer.cookie, { body: '还在等' });
    await t.deps.jobs.runDue();
    const [latest] = await mailTo(t, colleague.email);
    expect(latest.subject).toBe(`[Kefu #${ticket.number}] 客户已回复：${ticket.subject}`);
  });

  it('escapes whatever users wrote in the HTML part, and keeps it out of the headers\' structure', async () => {
    const boss = await createStaffUser(t, { name: '<img src=x onerror=alert(1)>', role: 'supervisor' });
    const bossCookie = await t.session(boss.email, PASSWORD);
    const agent = await createStaffUser(t);
    const subject = '<script>alert("x")</script> & 退款\'';
    const ticket = await createTicket(t, { subject, assigneeId: agent.id }, bossCookie);
    await t.deps.jobs.runDue();
    const [mail] = await mailTo(t, agent.email);
    expect(mail.html).not.toMatch(/<script|<img|onerror=alert\(1\)>/i);
    expect(mail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; 退款&#39;');
    expect(mail.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    // Plain text is not markup: the words arrive as written.
    expect(mail.text).toContain(subject);
    expect(mail.subject).toBe(`[Kefu #${ticket.number}] 分配给您：${subject}`);
  });

  it('sends nothing to a user deactivated before the job ran', async () => {
    const agent = await createStaffUser(t);
    await createTicket(t, { assigneeId: agent.id });
    await ok(t, 200, 'PATCH', `/api/v1/users/${agent.id}`, admin, { active: false });
    await t.deps.jobs.runDue();
    expect(await statuses(t, agent.id)).toEqual(['skipped']);
    expect(await mailTo(t, agent.email)).toEqual([]);
  });

  it('writes neither the bell row nor the mail when the change that caused them rolls back', async () => {
    const agent = await createStaffUser(t);
    const ticket = await createTicket(t);
    await expect(inTransaction(t.deps.db, async (tx) => {
      await notifyUsers(t.deps, tx, null, [agent.id], 'ticket.assigned', ticket.id, { number: ticket.number, subject: ticket.subject });
      throw new Error('roll back');
    })).rejects.toThrow('roll back');
    expect(await statuses(t, agent.id)).toEqual([]);
    expect(await rows(t, sql`select 1 from notifications where user_id = ${agent.id}`)).toEqual([]);
    expect(await t.deps.jobs.runDue()).toBe(0);
  });

  it('uses KEFU_PUBLIC_URL for links and KEFU_MAIL_FROM as the sender', async () => {
    const other = await createTestApp({ KEFU_PUBLIC_URL: 'https://kefu.example.com/', KEFU_MAIL_FROM: '客服中心 <service@kefu.example.com>' });
    try {
      const agent = await createStaffUser(other);
      const ticket = await createTicket(other, { assigneeId: agent.id });
      await other.deps.jobs.runDue();
      const [mail] = await mailTo(other, agent.email);
      expect(mail.from).toBe('客服中心 <service@kefu.example.com>');
      expect(mail.text).toContain(`https://kefu.example.com/tickets/${ticket.id}`);
      expect(mail.headers['Message-ID']).toMatch(/@kefu\.example\.com>$/);
    } finally {
      await other.close();
    }
  });
});

describe('notification mail across instances', () => {
  it('loses nothing to a restart: what one instance queued, the next one sends', async () => {
    const first = await createTestApp();
    const agent = await createStaffUser(first);
    const ticket = await createTicket(first, { assigneeId: agent.id });
    await first.app.close(); // the instance stops before its worker ran the job
    const second = await createTestApp({}, { database: first.database });
    try {
      expect(await second.deps.jobs.runDue()).toBeGreaterThan(0);
      const [mail] = await mailTo(second, agent.email);
      expect(mail.subject).toContain(`#${ticket.number}`);
      expect(await statuses(second, agent.id)).toEqual(['sent']);
    } finally {
      await second.close();
    }
  });

  it('sends each mail once when two instances run the jobs at the same time', async () => {
    const a = await createTestApp();
    const b = await createTestApp({}, { database: a.database });
    try {
      const agents: { id: string; email: string }[] = [];
      for (let i = 0; i < 8; i++) agents.push(await createStaffUser(a));
      for (const agent of agents) await createTicket(a, { assigneeId: agent.id });
      // A storm for one of them: the first mail at once, the rest in one digest.
      for (let i = 0; i < 4; i++) await createTicket(a, { assigneeId: agents[0]!.id });
      await Promise.all([a.deps.jobs.runDue(), b.deps.jobs.runDue(), a.deps.jobs.runDue()]);
      for (const app of [a, b]) app.clock.advance(6 * 60_000);
      await Promise.all([a.deps.jobs.runDue({ includeScheduled: true }), b.deps.jobs.runDue({ includeScheduled: true })]);
      const sent = await rows<{ to: string; kind: string; n: number }>(a, sql`select "to", kind, count(*)::int as n from outbox_messages group by "to", kind order by "to", kind`);
      expect(sent).toHaveLength(agents.length + 1);
      expect(sent.every((r) => r.n === 1)).toBe(true);
      expect(sent.filter((r) => r.to === agents[0]!.email).map((r) => r.kind)).toEqual(['notification', 'notification.digest']);
      const owed = await rows<{ n: number }>(a, sql`select count(*)::int as n from notification_emails where status <> 'sent'`);
      expect(owed[0]!.n).toBe(0);
    } finally {
      await b.app.close();
      await a.close();
    }
  });
});
