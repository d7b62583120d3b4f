import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../platform/db/transaction.js';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { createStaffUser, createTicket, ok, rows, type Json } from '../../test/factories.js';
import { notifyUsers } from '../tickets/notifications.js';
import { DIGEST_WINDOW_MS } from './index.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const MINUTE = 60_000;

/** One email-worthy notification to `userId` about a fresh ticket, as the ticket services send them. */
async function notify(app: TestApp, userId: string, kind = 'ticket.assigned', subject?: string) {
  const ticket = await createTicket(app, subject ? { subject } : {});
  await inTransaction(app.deps.db, (tx) =>
    notifyUsers(app.deps, tx, null, [userId], kind, ticket.id, { number: ticket.number, subject: ticket.subject }));
  return ticket as { id: string; number: number; subject: string };
}

async function mailTo(app: TestApp, email: string): Promise<Json[]> {
  const cookie = await app.adminSession();
  const page = await ok(app, 200, 'GET', `/api/v1/outbox?to=${encodeURIComponent(email)}`, cookie);
  return Promise.all([...page.items].reverse().map((m: { id: string }) => ok(app, 200, 'GET', `/api/v1/outbox/${m.id}`, cookie)));
}
const statuses = async (app: TestApp, userId: string) =>
  (await rows<{ status: string }>(app, sql`select status from notification_emails where user_id = ${userId} order by id`)).map((r) => r.status);

describe('digest instead of a storm', () => {
  it('sends the first at once, holds the rest of the window, and sends them as one digest when it closes', async () => {
    const agent = await createStaffUser(t, { name: '赵磊' });
    const first = await notify(t, agent.id);
    await t.deps.jobs.runDue();
    expect((await mailTo(t, agent.email)).map((m) => m.kind)).toEqual(['notification']);

    t.clock.advance(1 * MINUTE);
    const second = await notify(t, agent.id, 'mentioned');
    t.clock.advance(2 * MINUTE);
    const third = await notify(t, agent.id, 'escalation', '<b>加急</b>');
    await t.deps.jobs.runDue();
    expect(await statuses(t, agent.id)).toEqual(['sent', 'held', 'held']);
    expect(await mailTo(t, agent.email)).toHaveLength(1);

    // One digest job waits for the window's end, however many were held.
    const waiting = await rows<{ n: number }>(t, sql`select count(*)::int as n from pgboss.job
      where name = 'send-notification-digest' and singleton_key = ${agent.id} and state = 'created' and start_after > now() + interval '1 minute'`);
    expect(waiting[0]!.n).toBe(1);

    t.clock.advance(DIGEST_WINDOW_MS - 3 * MINUTE);
    await t.deps.jobs.runDue({ includeScheduled: true });
    expect(await statuses(t, agent.id)).toEqual(['sent', 'sent', 'sent']);
    const mails = await mailTo(t, agent.email);
    expect(mails.map((m) => m.kind)).toEqual(['notification', 'notification.digest']);
    const digest = mails[1];
    expect(digest.subject).toBe('[Kefu] 您有 2 条新通知');
    expect(digest.headers['X-Kefu-Notification']).toBe('digest');
    // Oldest first, each with what happened and its link; the first mail is not repeated.
    const at = (s: string) => digest.text.indexOf(s);
    expect(at(`在工单 #${second.number} 中提到了您`)).toBeGreaterThan(0);
    expect(at(`工单 #${third.number} 已升级`)).toBeGreaterThan(at(`#${second.number}`));
    expect(digest.text).toContain(`http://localhost:3000/tickets/${second.id}`);
    expect(digest.text).toContain(`http://localhost:3000/tickets/${third.id}`);
    expect(digest.text).not.toContain(first.id);
    expect(digest.html).toContain('&lt;b&gt;加急&lt;/b&gt;');
    expect(digest.html).not.toContain('<b>加急');
    const ids = await rows<{ message_id: string }>(t, sql`select distinct message_id from notification_emails where user_id = ${agent.id} and status = 'sent'`);
    expect(ids.map((r) => r.message_id).sort()).toEqual([mails[0].headers['Message-ID'], digest.headers['Message-ID']].sort());

    // After the window, the next one goes out at once again and opens a new window.
    t.clock.advance(MINUTE);
    await notify(t, agent.id);
    await t.deps.jobs.runDue();
    expect((await mailTo(t, agent.email)).map((m) => m.kind)).toEqual(['notification', 'notification.digest', 'notification']);
    t.clock.advance(MINUTE);
    await notify(t, agent.id);
    await t.deps.jobs.runDue();
    expect(await statuses(t, agent.id)).toEqual(['sent', 'sent', 'sent', 'sent', 'held']);
  });

  it('sends a window with one held notification as an ordinary mail, in English for an English speaker', async () => {
    const agent = await createStaffUser(t, { name: 'Sam', locale: 'en' });
    await notify(t, agent.id);
    await t.deps.jobs.runDue();
    const held = await notify(t, agent.id, 'sla.breached');
    await t.deps.jobs.runDue();
    t.clock.advance(DIGEST_WINDOW_MS);
    await t.deps.jobs.runDue({ includeScheduled: true });
    const mails = await mailTo(t, agent.email);
    expect(mails.map((m) => m.kind)).toEqual(['notification', 'notification']);
    expect(mails[1].subject).toBe(`[Kefu #${held.number}] SLA breached: ${held.subject}`);
    expect(mails[1].text).toContain(`Ticket #${held.number} has breached its SLA target.`);
  });

  it('lists a storm of sixty in one digest, fifty shown and the rest counted', async () => {
    const agent = await createStaffUser(t, { locale: 'en' });
    await notify(t, agent.id);
    await t.deps.jobs.runDue();
    const ticket = await createTicket(t);
    await inTransaction(t.deps.db, async (tx) => {
      for (let i = 0; i < 60; i++) await notifyUsers(t.deps, tx, null, [agent.id], 'mentioned', ticket.id, { number: ticket.number, subject: ticket.subject });
    });
    await t.deps.jobs.runDue();
    t.clock.advance(DIGEST_WINDOW_MS);
    await t.deps.jobs.runDue({ includeScheduled: true });
    const mails = await mailTo(t, agent.email);
    expect(mails).toHaveLength(2);
    expect(mails[1].subject).toBe('[Kefu] 60 new notifications');
    expect(mails[1].text.match(/mentioned you on ticket/g)).toHaveLength(50);
    expect(mails[1].text).toContain('10 more — sign in to Kefu to see them.');
  });

  it('keeps held mail through a restart: the next instance sends the digest', async () => {
    const first = await createTestApp();
    const agent = await createStaffUser(first);
    await notify(first, agent.id);
    await first.deps.jobs.runDue();
    await notify(first, agent.id);
    await notify(first, agent.id);
    await first.deps.jobs.runDue();
    expect(await statuses(first, agent.id)).toEqual(['sent', 'held', 'held']);
    await first.app.close();
    const second = await createTestApp({}, { database: first.database });
    try {
      second.clock.set(new Date(first.clock.now().getTime() + DIGEST_WINDOW_MS));
      await second.deps.jobs.runDue({ includeScheduled: true });
      expect(await statuses(second, agent.id)).toEqual(['sent', 'sent', 'sent']);
      expect((await mailTo(second, agent.email)).map((m) => m.kind)).toEqual(['notification', 'notification.digest']);
    } finally {
      await second.close();
    }
  });

  it('does not let a digest job that ran early strand what is held after it', async () => {
    const agent = await createStaffUser(t);
    await notify(t, agent.id);
    await t.deps.jobs.runDue();
    await notify(t, agent.id);
    await t.deps.jobs.runDue();
    // A queue told to run scheduled work now sends the digest sooner; it never drops it.
    await t.deps.jobs.runDue({ includeScheduled: true });
    expect(await statuses(t, agent.id)).toEqual(['sent', 'sent']);
    await notify(t, agent.id);
    await t.deps.jobs.runDue();
    expect(await statuses(t, agent.id)).toEqual(['sent', 'sent', 'held']);
    t.clock.advance(DIGEST_WINDOW_MS);
    await t.deps.jobs.runDue({ includeScheduled: true });
    expect(await statuses(t, agent.id)).toEqual(['sent', 'sent', 'sent']);
    expect(await mailTo(t, agent.email)).toHaveLength(3);
  });
});
