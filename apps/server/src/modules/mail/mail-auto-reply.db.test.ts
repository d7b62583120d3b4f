import { sql } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBlobStore } from '../../platform/storage/index.js';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { createCustomer, rows } from '../../test/factories.js';
import { afterIngest } from './mail-after-ingest.js';
import { ingestRawMail, type MailDeps } from './mail-ingest.js';
import { headerBlock, rawMail, startCaptureSmtp, type CaptureSmtp } from './mail-outbound.test-support.js';

/*
 * Acknowledgments through the real pipeline: mail is ingested, the after-commit hook decides, the
 * job sends over SMTP to a real server.
 */
let mta: CaptureSmtp;
let t: TestApp;
let mail: MailDeps;
let mailboxId: string;
const MAILBOX = 'service@kefu.test';

beforeAll(async () => {
  mta = await startCaptureSmtp();
  t = await createTestApp({ KEFU_SMTP_URL: mta.url });
  mail = { ...t.deps, blobs: openBlobStore(t.deps.config) };
  const [m] = await rows<{ id: string }>(t, sql`update mailboxes set address = ${MAILBOX}, name = '售后服务', auto_reply_enabled = true where is_default returning id`);
  mailboxId = m!.id;
});
afterAll(async () => {
  await t.close();
  await mta.close();
});

let seq = 0;
async function deliver(m: Omit<Parameters<typeof rawMail>[0], 'to'>) {
  const result = await ingestRawMail(mail, { mailboxId, raw: rawMail({ to: MAILBOX, ...m }) });
  await afterIngest(mail, result);
  return result;
}
const acksTo = (address: string) => mta.received.filter((r) => r.to.includes(address));
const queuedAcks = (address: string) => rows<{ n: number }>(t, sql`select count(*)::int as n from mail_auto_replies where recipient = ${address}`).then((r) => r[0]!.n);

describe('acknowledgment of a new ticket', () => {
  it('answers once, in the customer’s language, as an RFC 3834 auto-reply threaded to their mail', async () => {
    const customer = `ack${seq++}@example.com`;
    const first = await deliver({ from: `王芳 <${customer}>`, subject: '打印机卡纸', body: '打印机一直卡纸。', messageId: `p.${seq}@example.com` });
    await t.deps.jobs.runDue();
    const [ack] = acksTo(customer);
    expect(ack).toBeDefined();
    const head = headerBlock(ack!.raw);
    expect(head).toMatch(/^Auto-Submitted: auto-replied$/im);
    expect(head).toMatch(/^Precedence: auto_reply$/im);
    expect(head).toMatch(new RegExp(`^X-Loop: ${MAILBOX}$`, 'im'));
    expect(head).toMatch(/^X-Auto-Response-Suppress: All$/im);
    const parsed = await simpleParser(ack!.raw);
    expect(parsed.subject).toBe(`我们已收到您的来信 [#${first.ticketNumber}]`);
    expect(parsed.inReplyTo).toBe(`<p.${seq}@example.com>`);
    expect(parsed.references).toBe(`<p.${seq}@example.com>`);
    expect(parsed.text).toContain(`工单号 #${first.ticketNumber}`);
    expect(parsed.from?.value).toEqual([{ name: '售后服务', address: MAILBOX }]);
    const [row] = await rows<{ delivery_state: string; ticket_message_id: string | null; message_id: string }>(
      t, sql`select delivery_state, ticket_message_id, message_id from mail_messages where ticket_id = ${first.ticketId} and direction = 'out'`);
    expect(row).toMatchObject({ delivery_state: 'sent', ticket_message_id: null });

    // The customer answers the acknowledgment: it joins the same ticket and is not acknowledged again.
    const again = await deliver({ from: customer, subject: `Re: 我们已收到您的来信 [#${first.ticketNumber}]`, body: '补充：型号 X1', messageId: `q.${seq}@example.com`, inReplyTo: row!.message_id });
    expect(again).toMatchObject({ ticketId: first.ticketId, createdTicket: false });
    await t.deps.jobs.runDue();
    expect(acksTo(customer)).toHaveLength(1);
  });

  it('uses the mailbox’s own template, in English for an English-speaking customer, with its placeholders', async () => {
    const customer = `en${seq++}@example.com`;
    await createCustomer(t, { name: 'John Smith', emails: [customer], locale: 'en' });
    await rows(t, sql`update mailboxes set auto_reply_templates = ${JSON.stringify({
      'zh-CN': { subject: '收到 [#{{ticket.number}}]', body: '{{customer.name}}，您好' },
      en: { subject: 'Got it: {{ticket.subject}} [#{{ticket.number}}]', body: 'Dear {{customer.name}},\n\nwe opened ticket #{{ticket.number}}.' },
    })}::jsonb where id = ${mailboxId}`);
    try {
      const first = await deliver({ from: customer, subject: 'Printer jam', body: 'It jams.', messageId: `en.${seq}@example.com` });
      await t.deps.jobs.runDue();
      const parsed = await simpleParser(acksTo(customer)[0]!.raw);
      expect(parsed.subject).toBe(`Got it: Printer jam [#${first.ticketNumber}]`);
      expect(parsed.text?.trim()).toBe(`Dear John Smith,\n\nwe opened ticket #${first.ticketNumber}.`);
    } finally {
      await rows(t, sql`update mailboxes set auto_reply_templates = null where id = ${mailboxId}`);
    }
  });

  it.each([
    ['an autoresponder', { 'Auto-Submitted': 'auto-replied' }, 'person'],
    ['a newsletter', { Precedence: 'bulk', 'List-Unsubscribe': '<mailto:x@lists.example>' }, 'person'],
    ['a mail that went round through us', { 'X-Loop': MAILBOX }, 'person'],
    ['a DSN sender', {}, 'mailer-daemon'],
    ['a no-reply sender', {}, 'noreply'],
  ])('opens a ticket for %s but does not answer it', async (_name, headers, local) => {
    const customer = `${local}.${seq++}@example.com`;
    const r = await deliver({ from: customer, subject: '自动邮件', body: 'x', messageId: `h.${seq}@example.com`, headers });
    expect(r.createdTicket).toBe(true);
    await t.deps.jobs.runDue();
    expect(acksTo(customer)).toEqual([]);
    expect(await queuedAcks(customer)).toBe(0);
  });

  it('sends nothing when the mailbox has acknowledgments off', async () => {
    await rows(t, sql`update mailboxes set auto_reply_enabled = false where id = ${mailboxId}`);
    try {
      const customer = `off${seq++}@example.com`;
      await deliver({ from: customer, subject: '关闭', body: 'x', messageId: `o.${seq}@example.com` });
      await t.deps.jobs.runDue();
      expect(acksTo(customer)).toEqual([]);
    } finally {
      await rows(t, sql`update mailboxes set auto_reply_enabled = true where id = ${mailboxId}`);
    }
  });

  it('answers a storm of 100 new mails from one sender at most 3 times an hour, then again after the hour', async () => {
    const sender = `storm${seq++}@example.com`;
    const storm = Array.from({ length: 100 }, (_, i) => ({ from: sender, subject: `风暴 ${i}`, body: `第 ${i} 封`, messageId: `s${i}.${seq}@example.com` }));
    // Ten at a time, as several SMTP sessions (or instances) would deliver them.
    for (let i = 0; i < storm.length; i += 10) await Promise.all(storm.slice(i, i + 10).map((m) => deliver(m)));
    await t.deps.jobs.runDue();
    const tickets = (await rows<{ tickets: number }>(t, sql`select count(distinct ticket_id)::int as tickets from mail_messages where from_address = ${sender}`))[0]!.tickets;
    expect(tickets).toBe(100);
    expect(await queuedAcks(sender)).toBe(3);
    expect(acksTo(sender)).toHaveLength(3);

    t.clock.advance(61 * 60_000);
    await deliver({ from: sender, subject: '一小时后', body: 'x', messageId: `later.${seq}@example.com` });
    await t.deps.jobs.runDue();
    expect(acksTo(sender)).toHaveLength(4);
  }, 120_000); // 101 mails through the whole pipeline: slow on a busy machine, not a timing assertion
});
