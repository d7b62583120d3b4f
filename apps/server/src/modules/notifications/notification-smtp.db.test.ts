import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../platform/db/transaction.js';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { createStaffUser, createTicket, rows } from '../../test/factories.js';
import { notifyUsers } from '../tickets/notifications.js';

/** A real SMTP server on a random port; addresses in `refuseOnce` are refused at RCPT the first time. */
const received: { to: string[]; raw: string }[] = [];
const refuseOnce = new Set<string>();
let server: SMTPServer;
let t: TestApp;
beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (refuseOnce.delete(address.address)) return callback(Object.assign(new Error('mailbox busy, try later'), { responseCode: 450 }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t = await createTestApp({ KEFU_SMTP_URL: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}` });
});
afterAll(async () => {
  await t.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function assign(userId: string, subject: string) {
  const ticket = await createTicket(t, { subject });
  await inTransaction(t.deps.db, (tx) => notifyUsers(t.deps, tx, null, [userId], 'ticket.assigned', ticket.id, { number: ticket.number, subject: ticket.subject }));
  return ticket as { id: string; number: number };
}
const stored = async (userId: string) =>
  rows<{ status: string; message_id: string | null }>(t, sql`select status, message_id from notification_emails where user_id = ${userId}`);

describe('notification mail over SMTP', () => {
  it('arrives with its headers, both bodies and a Chinese subject encoded on the wire, and skips the outbox', async () => {
    const agent = await createStaffUser(t, { name: '李娜' });
    const ticket = await assign(agent.id, '发票抬头错误，请尽快处理');
    await t.deps.jobs.runDue();
    const mail = received.find((m) => m.to.includes(agent.email))!;
    expect(mail).toBeDefined();
    const headerBlock = mail.raw.slice(0, mail.raw.indexOf('\r\n\r\n')).replace(/\r\n[ \t]+/g, ' ');
    expect(headerBlock).toMatch(/^[\x20-\x7e\r\n\t]*$/);
    expect(headerBlock).toMatch(/^Subject: =\?UTF-8\?[BQ]\?/im);
    expect(headerBlock).toMatch(/^Auto-Submitted: auto-generated$/im);

    const parsed = await simpleParser(mail.raw);
    expect(parsed.subject).toBe(`[Kefu #${ticket.number}] 分配给您：发票抬头错误，请尽快处理`);
    expect(parsed.from?.value).toEqual([{ name: 'Kefu', address: 'noreply@localhost' }]);
    expect(parsed.to && !Array.isArray(parsed.to) ? parsed.to.value : null).toEqual([{ name: '李娜', address: agent.email }]);
    expect(parsed.text).toContain(`http://localhost:3000/tickets/${ticket.id}`);
    expect(parsed.text).toContain(`将工单 #${ticket.number} 分配给了您。`);
    expect(parsed.html).toContain(`href="http://localhost:3000/tickets/${ticket.id}"`);
    expect(parsed.headers.get('x-kefu-notification')).toBe('ticket.assigned');
    expect(await stored(agent.id)).toEqual([{ status: 'sent', message_id: parsed.messageId }]);
    expect(await rows(t, sql`select 1 from outbox_messages`)).toEqual([]);
  });

  it('retries a mail the server refused, and sends it once, with the Message-ID it was given first', async () => {
    const agent = await createStaffUser(t);
    refuseOnce.add(agent.email);
    await assign(agent.id, 'Retry me');
    await t.deps.jobs.runDue();
    const [claimed] = await stored(agent.id);
    expect(claimed).toMatchObject({ status: 'sending', message_id: expect.stringMatching(/^<.+@localhost>$/) });
    expect(received.filter((m) => m.to.includes(agent.email))).toEqual([]);

    await t.deps.jobs.runDue({ includeScheduled: true });
    const delivered = received.filter((m) => m.to.includes(agent.email));
    expect(delivered).toHaveLength(1);
    expect((await simpleParser(delivered[0]!.raw)).messageId).toBe(claimed!.message_id);
    expect(await stored(agent.id)).toEqual([{ status: 'sent', message_id: claimed!.message_id }]);
    await t.deps.jobs.runDue({ includeScheduled: true });
    expect(received.filter((m) => m.to.includes(agent.email))).toHaveLength(1);
  });
});
