import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMail } from '../../platform/mail/parse/index.js';
import { openBlobStore } from '../../platform/storage/index.js';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { createStaffUser, ok, rows } from '../../test/factories.js';
import { afterIngest } from './mail-after-ingest.js';
import { recordBounce } from './mail-bounce.js';
import { ingestRawMail, type MailDeps } from './mail-ingest.js';
import { rawMail, startCaptureSmtp, type CaptureSmtp } from './mail-outbound.test-support.js';

/** A Postfix DSN (multipart/report) from the parser's fixtures, made to report one of our mails. */
const POSTFIX_DSN = fs.readFileSync(fileURLToPath(new URL('../../platform/mail/parse/fixtures/bounce-postfix-dsn.eml', import.meta.url)), 'latin1');
let dsnSeq = 0;
function dsn(o: { messageId: string | null; recipient: string; action?: string }) {
  let raw = POSTFIX_DSN
    .replaceAll('support@kefu.test', MAILBOX)
    .replaceAll('nobody@nowhere.example', o.recipient)
    .replace('20261103020500.4ABC@mail.kefu.test', `dsn${dsnSeq++}.${Date.now()}@mail.kefu.test`)
    .replace('Action: failed', `Action: ${o.action ?? 'failed'}`);
  raw = o.messageId
    ? raw.replace('kefu-10042-7@kefu.test', o.messageId)
    // Some servers return no original headers at all: only the recipient tells which mail it was.
    : raw.replace(/--report_boundary\r?\nContent-Description: Undelivered Message Headers[\s\S]*?(?=--report_boundary--)/, '');
  return Buffer.from(raw, 'latin1');
}

let mta: CaptureSmtp;
let t: TestApp;
let mail: MailDeps;
let admin: string;
let mailboxId: string;
const MAILBOX = 'support@kefu.test';

beforeAll(async () => {
  mta = await startCaptureSmtp();
  t = await createTestApp({ KEFU_SMTP_URL: mta.url });
  mail = { ...t.deps, blobs: openBlobStore(t.deps.config) };
  admin = await t.adminSession();
  const [m] = await rows<{ id: string }>(t, sql`update mailboxes set address = ${MAILBOX}, auto_reply_enabled = true where is_default returning id`);
  mailboxId = m!.id;
});
afterAll(async () => {
  await t.close();
  await mta.close();
});

let seq = 0;
/** A customer's ticket, assigned to a fresh agent, with one reply sent to them by email. */
async function sentReply() {
  const customer = `bounce${seq++}@example.com`;
  const agent = await createStaffUser(t, { role: 'agent' });
  const first = await ingestRawMail(mail, { mailboxId, raw: rawMail({ from: customer, to: MAILBOX, subject: '退信测试', body: '你好', messageId: `m${seq}@example.com` }) });
  await afterIngest(mail, first);
  await ok(t, 200, 'PATCH', `/api/v1/tickets/${first.ticketId}`, admin, { assigneeId: agent.id });
  const reply = await ok(t, 201, 'POST', `/api/v1/tickets/${first.ticketId}/messages`, admin, { body: '您好，已处理。' });
  await t.deps.jobs.runDue();
  const [row] = await rows<{ id: string; message_id: string; delivery_state: string }>(
    t, sql`select id, message_id, delivery_state from mail_messages where ticket_message_id = ${reply.id}`);
  expect(row!.delivery_state).toBe('sent');
  return { customer, agent, ticketId: first.ticketId!, mail: row! };
}
const stateOf = (id: string) => rows<{ delivery_state: string; delivery_error: string | null }>(t, sql`select delivery_state, delivery_error from mail_messages where id = ${id}`).then((r) => r[0]!);
const bouncedNotices = (userId: string) => rows<{ data: Record<string, unknown> }>(t, sql`select data from notifications where user_id = ${userId} and kind = 'email.bounced'`);
const messagesOf = (ticketId: string) => rows(t, sql`select id from ticket_messages where ticket_id = ${ticketId}`).then((r) => r.length);

describe('bounces', () => {
  it('mark the reply the DSN quotes as failed with the diagnostic, notify the assignee once, and never become a message or get an answer', async () => {
    const { agent, ticketId, mail: sent } = await sentReply();
    const messages = await messagesOf(ticketId);
    const ticketsBefore = (await rows(t, sql`select id from tickets`)).length;
    const acksBefore = (await rows(t, sql`select id from mail_auto_replies`)).length;
    const raw = dsn({ messageId: sent.message_id, recipient: `bounce${seq - 1}@example.com` });

    const result = await ingestRawMail(mail, { mailboxId, raw });
    await afterIngest(mail, result);
    // Whether or not the pipeline already called it, recording the same bounce twice changes nothing more.
    await recordBounce(t.deps, result.parsed!, result);

    expect(await stateOf(sent.id)).toEqual({ delivery_state: 'failed', delivery_error: expect.stringMatching(/^5\.1\.1 .*User unknown/) });
    expect(await bouncedNotices(agent.id)).toMatchObject([{ data: { recipient: `bounce${seq - 1}@example.com`, reason: expect.stringContaining('5.1.1') } }]);
    expect(await messagesOf(ticketId)).toBe(messages);
    expect((await rows(t, sql`select id from tickets`)).length).toBe(ticketsBefore);
    expect((await rows(t, sql`select id from mail_auto_replies`)).length).toBe(acksBefore);
    await t.deps.jobs.runDue();
    expect(mta.received.filter((r) => r.to.some((a) => a.startsWith('mailer-daemon')))).toEqual([]);

    const timeline = await ok(t, 200, 'GET', `/api/v1/tickets/${ticketId}/timeline`, admin);
    const shown = timeline.items.find((i: { email?: { messageId?: string } }) => i.email?.messageId === sent.message_id);
    expect(shown.email).toMatchObject({ deliveryState: 'failed', deliveryError: expect.stringContaining('User unknown') });
  });

  it('store a DSN about a message that is not ours with its raw, but open no ticket, create no customer and send no acknowledgment', async () => {
    const ticketsBefore = (await rows(t, sql`select id from tickets`)).length;
    const customersBefore = (await rows(t, sql`select id from customers`)).length;
    const acksBefore = (await rows(t, sql`select id from mail_auto_replies`)).length;
    const raw = dsn({ messageId: 'someone-else.42@elsewhere.example', recipient: 'stranger@example.com' });

    const result = await ingestRawMail(mail, { mailboxId, raw });
    await afterIngest(mail, result);

    expect(result).toMatchObject({ status: 'stored', bounce: true, ticketId: null, ticketMessageId: null, createdTicket: false, customerId: null });
    const [stored] = await rows<{ ticket_id: string | null; raw_blob_key: string; raw_size: string }>(
      t, sql`select ticket_id, raw_blob_key, raw_size from mail_messages where id = ${result.mailMessageId}`);
    expect(stored).toMatchObject({ ticket_id: null, raw_size: expect.anything() });
    expect(Number(stored!.raw_size)).toBe(raw.length);
    expect(await mail.blobs.has(stored!.raw_blob_key)).toBe(true);
    expect((await rows(t, sql`select id from tickets`)).length).toBe(ticketsBefore);
    expect((await rows(t, sql`select id from customers`)).length).toBe(customersBefore);
    expect((await rows(t, sql`select id from mail_auto_replies`)).length).toBe(acksBefore);
    // Delivered again (a retrying MTA), it is the same stored record.
    expect(await ingestRawMail(mail, { mailboxId, raw })).toMatchObject({ status: 'duplicate', mailMessageId: result.mailMessageId });
  });

  it('match a DSN without the original headers by its recipient among our recent mail', async () => {
    const { customer, agent, mail: sent } = await sentReply();
    const parsed = await parseMail(dsn({ messageId: null, recipient: customer }));
    expect(parsed.bounce).toMatchObject({ originalMessageId: null, recipient: customer });
    expect(await recordBounce(t.deps, parsed)).toBe(sent.id);
    expect((await stateOf(sent.id)).delivery_state).toBe('failed');
    expect(await bouncedNotices(agent.id)).toHaveLength(1);
  });

  it('leave mail alone for a delay report, an unknown message, or a recipient we did not write to lately', async () => {
    const { customer, agent, mail: sent } = await sentReply();
    expect(await recordBounce(t.deps, await parseMail(dsn({ messageId: sent.message_id, recipient: customer, action: 'delayed' })))).toBeNull();
    expect(await recordBounce(t.deps, await parseMail(dsn({ messageId: 'unknown@elsewhere.example', recipient: 'stranger@example.com' })))).toBeNull();
    t.clock.advance(8 * 86_400_000);
    expect(await recordBounce(t.deps, await parseMail(dsn({ messageId: null, recipient: customer })))).toBeNull();
    expect(await stateOf(sent.id)).toEqual({ delivery_state: 'sent', delivery_error: null });
    expect(await bouncedNotices(agent.id)).toEqual([]);
  });
});
