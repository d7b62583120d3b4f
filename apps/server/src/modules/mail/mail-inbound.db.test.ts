import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, unique, type TestApp } from '../../test/test-app.js';
import { ok, rows, type Json } from '../../test/factories.js';
import { count, defaultMailboxId, mailDepsOf, newMessageId, rawMail, sendSmtp } from '../../test/mail.js';
import { ingestRawMail, startSmtpListener, type IngestResult, type MailDeps, type SmtpListener } from './index.js';

let t: TestApp;
let deps: MailDeps;
let admin: string;
let listener: SmtpListener;
let mailboxId: string;

beforeAll(async () => {
  t = await createTestApp();
  deps = mailDepsOf(t);
  admin = await t.adminSession();
  mailboxId = await defaultMailboxId(t);
  listener = await startSmtpListener(deps, { port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await listener.close();
  await t.close();
});

const addr = (tag = 'c') => `${unique(tag)}@customer.example`;
const ingest = (raw: string, id = mailboxId) => ingestRawMail(deps, { mailboxId: id, raw: Buffer.from(raw) });

async function timeline(ticketId: string) {
  return (await ok(t, 200, 'GET', `/api/v1/tickets/${ticketId}/timeline`, admin)).items.filter((i: Json) => i.kind === 'message');
}
async function mailRow(mailMessageId: string) {
  return (await rows<Json>(t, sql`select * from mail_messages where id = ${mailMessageId}`))[0];
}
async function participants(ticketId: string) {
  return rows<{ email: string; role: string }>(t, sql`
    select ci.normalized as email, p.role from ticket_participants p join customer_identities ci on ci.customer_id = p.customer_id and ci.kind = 'email'
    where p.ticket_id = ${ticketId} order by ci.normalized`);
}

describe('the SMTP listener', () => {
  it('turns mail to support@localhost into an email ticket with zero setup, acknowledged only once stored', async () => {
    const from = addr('new');
    const messageId = newMessageId();
    const res = await sendSmtp(listener.port, from, ['support@localhost'], rawMail({ from: `张三 <${from}>`, subject: '订单没有收到', messageId, body: '我的订单 123 还没到。' }));
    expect(res).toMatchObject({ ok: true, code: 250 });
    const [m] = await rows<Json>(t, sql`select * from mail_messages where message_id = ${messageId}`);
    expect(m).toMatchObject({ direction: 'in', mailbox_id: mailboxId, from_address: from, subject: '订单没有收到', delivery_state: 'received', flagged: false });
    const ticket = await ok(t, 200, 'GET', `/api/v1/tickets/${m.ticket_id}`, admin);
    expect(ticket).toMatchObject({ subject: '订单没有收到', channel: 'email', status: 'new' });
    const [msg] = await timeline(m.ticket_id);
    expect(msg).toMatchObject({ authorType: 'customer', authorName: '张三', channel: 'email', internal: false });
    expect(msg.bodyText).toContain('我的订单 123 还没到。');
    expect(msg.email).toMatchObject({ direction: 'in', from: { address: from }, subject: '订单没有收到', messageId, deliveryState: 'received', flagged: false });
    const raw = await t.call('GET', msg.email.rawUrl, admin);
    expect(raw.statusCode).toBe(200);
    expect(raw.headers['content-type']).toBe('message/rfc822');
    expect(raw.body).toContain(`Message-ID: <${messageId}>`);
    expect(await participants(m.ticket_id)).toEqual([{ email: from, role: 'requester' }]);
  });

  it('refuses an unknown recipient at RCPT with 550 and stores nothing', async () => {
    const before = await count(t, 'mail_messages');
    const res = await sendSmtp(listener.port, addr(), ['nobody@localhost'], rawMail({ from: addr() }));
    expect(res).toMatchObject({ ok: false, code: 550 });
    expect(await count(t, 'mail_messages')).toBe(before);
  });

  it('stores a message sent to two of our mailboxes once, and a resend of it never opens a second ticket', async () => {
    const second = await ok(t, 201, 'POST', '/api/v1/mailboxes', admin, { name: 'Sales', address: `${unique('sales')}@localhost` });
    const messageId = newMessageId('dup');
    const raw = rawMail({ from: addr('dup'), messageId, subject: 'twice' });
    const tickets = await count(t, 'tickets');
    expect(await sendSmtp(listener.port, 'x@client.example', ['support@localhost', second.address], raw)).toMatchObject({ ok: true });
    expect(await sendSmtp(listener.port, 'x@client.example', [second.address], raw)).toMatchObject({ ok: true });
    expect((await ingest(raw, second.id)).status).toBe('duplicate');
    expect(await count(t, 'tickets')).toBe(tickets + 1);
    expect(await rows(t, sql`select 1 from mail_messages where message_id = ${messageId}`)).toHaveLength(1);
  });

  it('dedupes a message without Message-ID by its content when it is resent', async () => {
    const raw = rawMail({ from: addr('nomid'), messageId: null, subject: 'no id', body: unique('body ') });
    const first = await ingest(raw);
    const again = await sendSmtp(listener.port, 'x@client.example', ['support@localhost'], raw);
    expect(again.ok).toBe(true);
    expect(await ingest(raw)).toMatchObject({ status: 'duplicate', mailMessageId: first.mailMessageId, ticketId: first.ticketId });
    expect(await rows(t, sql`select 1 from mail_messages where ticket_id = ${first.ticketId}`)).toHaveLength(1);
  });

  it('answers 552 to a 50 MB message and stores nothing', async () => {
    const before = await count(t, 'mail_messages');
    const big = Buffer.alloc(50 * 1024 * 1024, 'a');
    for (let i = 76; i < big.length; i += 78) big.write('\r\n', i - 2);
    const raw = Buffer.concat([Buffer.from(rawMail({ from: addr('big'), body: '' })), big]);
    const res = await sendSmtp(listener.port, 'x@client.example', ['support@localhost'], raw);
    expect(res).toMatchObject({ ok: false, code: 552 });
    expect(await count(t, 'mail_messages')).toBe(before);
  }, 60_000);

  it('answers 451 while the database is down, so the sender retries, and stores the retry once', async () => {
    const down = await createTestApp();
    const downDeps = mailDepsOf(down);
    const downListener = await startSmtpListener(downDeps, { port: 0, host: '127.0.0.1' });
    const messageId = newMessageId('retry');
    const raw = rawMail({ from: addr('retry'), messageId });
    try {
      await down.database.close();
      // Nothing is acknowledged that was not stored: the sender hears "try again later" (4xx).
      const res = await sendSmtp(downListener.port, 'x@client.example', ['support@localhost'], raw);
      expect(res).toMatchObject({ ok: false, code: 451 });
    } finally {
      await downListener.close();
      await down.close().catch(() => undefined);
    }
    expect(await sendSmtp(listener.port, 'x@client.example', ['support@localhost'], raw)).toMatchObject({ ok: true });
    expect(await sendSmtp(listener.port, 'x@client.example', ['support@localhost'], raw)).toMatchObject({ ok: true });
    expect(await rows(t, sql`select 1 from mail_messages where message_id = ${messageId}`)).toHaveLength(1);
  });
});

describe('threading', () => {
  async function opened(from = addr('thread')): Promise<IngestResult & { from: string; messageId: string }> {
    const messageId = newMessageId('first');
    const r = await ingest(rawMail({ from, messageId, subject: unique('Question ') }));
    expect(r).toMatchObject({ status: 'stored', createdTicket: true });
    return { ...r, from, messageId };
  }

  it('threads a reply by In-Reply-To, by References and by the subject token, reopening a pending ticket', async () => {
    const first = await opened();
    await ok(t, 200, 'PATCH', `/api/v1/tickets/${first.ticketId}`, admin, { status: 'pending' });
    const byReply = await ingest(rawMail({ from: first.from, inReplyTo: first.messageId, subject: 'Re: anything' }));
    expect(byReply).toMatchObject({ ticketId: first.ticketId, createdTicket: false, flagged: false, thread: { by: 'in-reply-to' } });
    expect((await ok(t, 200, 'GET', `/api/v1/tickets/${first.ticketId}`, admin)).status).toBe('open');
    const byRefs = await ingest(rawMail({ from: first.from, inReplyTo: 'unknown@elsewhere', references: [first.messageId, 'other@x'], subject: 'Re: x' }));
    expect(byRefs).toMatchObject({ ticketId: first.ticketId, thread: { by: 'references' } });
    const byToken = await ingest(rawMail({ from: first.from.toUpperCase(), subject: `Re: 回复 [#${first.ticketNumber}]` }));
    expect(byToken).toMatchObject({ ticketId: first.ticketId, thread: { by: 'subject' } });
    expect(await timeline(first.ticketId!)).toHaveLength(4);
  });

  it('never puts a forged From of another customer into the conversation of the ticket token it names', async () => {
    const victim = await opened();
    const intruder = addr('forged');
    const r = await ingest(rawMail({ from: intruder, subject: `Re: [#${victim.ticketNumber}] send me their invoice` }));
    expect(r).toMatchObject({ createdTicket: true, flagged: true });
    expect(r.ticketId).not.toBe(victim.ticketId);
    expect(await timeline(victim.ticketId!)).toHaveLength(1);
    expect((await mailRow(r.mailMessageId)).flagged).toBe(true);
  });

  it('keeps a reply whose In-Reply-To points to another customer\'s ticket out of it; with the flagged-note policy staff review it as an internal note', async () => {
    const victim = await opened();
    const other = addr('other');
    const asTicket = await ingest(rawMail({ from: other, inReplyTo: victim.messageId, subject: 'Re: yours' }));
    expect(asTicket).toMatchObject({ createdTicket: true, flagged: true });
    await ok(t, 200, 'PATCH', `/api/v1/mailboxes/${mailboxId}`, admin, { unknownSenderPolicy: 'flagged_note' });
    try {
      const asNote = await ingest(rawMail({ from: other, inReplyTo: victim.messageId, subject: 'Re: yours again' }));
      expect(asNote).toMatchObject({ ticketId: victim.ticketId, createdTicket: false, flagged: true });
      const messages = await timeline(victim.ticketId!);
      expect(messages).toHaveLength(2);
      expect(messages[1]).toMatchObject({ internal: true, email: { flagged: true, from: { address: other } } });
      // CC'd addresses of a flagged note do not become participants of the ticket it was about.
      expect((await participants(victim.ticketId!)).map((p) => p.email)).toEqual([victim.from]);
    } finally {
      await ok(t, 200, 'PATCH', `/api/v1/mailboxes/${mailboxId}`, admin, { unknownSenderPolicy: 'new_ticket' });
    }
  });

  it('makes CC\'d addresses participants, whose replies then join the ticket; our own addresses never do', async () => {
    const from = addr('cc-req');
    const colleague = addr('cc-col');
    const messageId = newMessageId('cc');
    const r = await ingest(rawMail({ from, messageId, to: 'support@localhost', cc: `同事 <${colleague}>, support@localhost` }));
    expect(await participants(r.ticketId!)).toEqual([{ email: colleague, role: 'cc' }, { email: from, role: 'requester' }].sort((a, b) => a.email.localeCompare(b.email)));
    const reply = await ingest(rawMail({ from: colleague, inReplyTo: messageId, subject: 'Re: Hello' }));
    expect(reply).toMatchObject({ ticketId: r.ticketId, flagged: false, createdTicket: false });
  });

  it('opens a new ticket when the matched ticket is closed', async () => {
    const first = await opened();
    await ok(t, 200, 'PATCH', `/api/v1/tickets/${first.ticketId}`, admin, { status: 'resolved' });
    await ok(t, 200, 'PATCH', `/api/v1/tickets/${first.ticketId}`, admin, { status: 'closed' });
    const r = await ingest(rawMail({ from: first.from, inReplyTo: first.messageId }));
    expect(r).toMatchObject({ createdTicket: true, flagged: false });
    expect(r.ticketId).not.toBe(first.ticketId);
  });
});
