import { sql } from 'drizzle-orm';
import { simpleParser, type AddressObject } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBlobStore } from '../../platform/storage/index.js';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { createCustomer, createStaffUser, createTicket, expectProblem, ok, rows } from '../../test/factories.js';
import { multipart } from '../../test/multipart.js';
import { ingestRawMail, type MailDeps } from './mail-ingest.js';
import { headerBlock, rawMail, startCaptureSmtp, type CaptureSmtp } from './mail-outbound.test-support.js';
import { SEND_TICKET_EMAIL_OPTIONS } from './mail-outbound-send.js';

/*
 * Agent replies leave as real mail: the app's global transport points at a real SMTP server (the
 * receiving MTA), customers write in through the ingest pipeline, agents answer through the API.
 */
let mta: CaptureSmtp;
let t: TestApp;
let mail: MailDeps;
let admin: string;
let mailboxId: string;
const MAILBOX = 'support@kefu.test';

beforeAll(async () => {
  mta = await startCaptureSmtp((rcpt) => {
    if (rcpt.startsWith('refuse5')) return [550, '5.1.1 <refuse5> User unknown'];
    if (rcpt.startsWith('busy')) return [451, '4.3.0 Mailbox busy, try again later'];
    return null;
  });
  t = await createTestApp({ KEFU_SMTP_URL: mta.url });
  mail = { ...t.deps, blobs: openBlobStore(t.deps.config) };
  admin = await t.adminSession();
  const [m] = await rows<{ id: string }>(t, sql`update mailboxes set address = ${MAILBOX}, name = '客服中心' where is_default returning id`);
  mailboxId = m!.id;
});
afterAll(async () => {
  await t.close();
  await mta.close();
});

let seq = 0;
/** A customer writes in; returns the ticket it opened or joined. */
async function customerWrites(m: Omit<Parameters<typeof rawMail>[0], 'to'> & { to?: string }) {
  const result = await ingestRawMail(mail, { mailboxId, raw: rawMail({ to: MAILBOX, ...m }) });
  return result;
}
const reply = (ticketId: string, body: Record<string, unknown>, cookie = admin) => t.call('POST', `/api/v1/tickets/${ticketId}/messages`, cookie, body);
const outbound = (ticketId: string) =>
  rows<{ id: string; delivery_state: string; delivery_error: string | null; delivery_attempts: number; sent_at: Date | null; message_id: string; ticket_message_id: string | null }>(
    t, sql`select * from mail_messages where ticket_id = ${ticketId} and direction = 'out' order by created_at, id`);
const addressesOf = (a: AddressObject | AddressObject[] | undefined) => (a ? (Array.isArray(a) ? a : [a]).flatMap((x) => x.value.map((v) => v.address)) : []);
const lastTo = (address: string) => [...mta.received].reverse().find((r) => r.to.includes(address));

describe('an agent reply to an email ticket', () => {
  it('goes out once over SMTP with our Message-ID, the thread headers, the subject token, the quote, a Chinese template and the attachment', async () => {
    const customer = `wang${seq++}@example.com`;
    const first = await customerWrites({
      from: `王芳 <${customer}>`, cc: '李雷 <lilei@example.com>', subject: '发票抬头错误', body: '你好，发票抬头开错了，请重开。',
      messageId: `c1.${seq}@example.com`, references: [`r0.${seq}@example.com`],
    });
    expect(first.createdTicket).toBe(true);
    const ticketId = first.ticketId!;
    const number = (await rows<{ number: number }>(t, sql`select number from tickets where id = ${ticketId}`))[0]!.number;

    const upload = multipart([{ filename: '发票.pdf', type: 'application/pdf', data: Buffer.from('%PDF-1.4\n% test invoice\n') }]);
    const file = (await t.call('POST', '/api/v1/attachments', admin, upload.body, upload.headers)).json() as { id: string };
    const res = await reply(ticketId, { body: '<p>已为您重新开具发票，请查收附件。</p>', attachmentIds: [file.id] });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().email).toMatchObject({ direction: 'out', deliveryState: 'queued', subject: `Re: 发票抬头错误 [#${number}]`, to: [{ address: customer }] });
    const [queued] = await outbound(ticketId);
    expect(queued).toMatchObject({ delivery_state: 'queued', delivery_attempts: 0, ticket_message_id: res.json().id });

    await t.deps.jobs.runDue();
    const sent = lastTo(customer)!;
    expect(sent.from).toBe(MAILBOX);
    expect(sent.to.sort()).toEqual([customer, 'lilei@example.com'].sort());
    const head = headerBlock(sent.raw);
    expect(head).toMatch(/^Auto-Submitted: no$/im);
    expect(head).toMatch(new RegExp(`^X-Loop: ${MAILBOX}$`, 'im'));
    expect(head).not.toMatch(/^X-Auto-Response-Suppress:/im);
    const parsed = await simpleParser(sent.raw);
    expect(parsed.messageId).toBe(`<${queued!.message_id}>`);
    expect(parsed.messageId).toMatch(/^<[0-9a-f-]{36}@kefu\.test>$/);
    expect(parsed.inReplyTo).toBe(`<c1.${seq}@example.com>`);
    expect(parsed.references).toEqual([`<r0.${seq}@example.com>`, `<c1.${seq}@example.com>`]);
    expect(parsed.subject).toBe(`Re: 发票抬头错误 [#${number}]`);
    expect(parsed.from?.value).toEqual([{ name: '客服中心', address: MAILBOX }]);
    expect(addressesOf(parsed.to)).toEqual([customer]);
    expect(addressesOf(parsed.cc)).toEqual(['lilei@example.com']);
    expect(parsed.text).toMatch(/^王芳，您好：\n\n已为您重新开具发票，请查收附件。/);
    expect(parsed.text).toContain(`工单号 #${number}`);
    expect(parsed.text).toMatch(/王芳 <wang\d+@example\.com> 写道：\n> 你好，发票抬头开错了，请重开。/);
    expect(parsed.html).toContain('<blockquote');
    expect(parsed.attachments.map((a) => [a.filename, a.contentType, a.content.toString()])).toEqual([['发票.pdf', 'application/pdf', '%PDF-1.4\n% test invoice\n']]);

    const [done] = await outbound(ticketId);
    expect(done).toMatchObject({ delivery_state: 'sent', delivery_error: null, delivery_attempts: 1 });
    expect(done!.sent_at).not.toBeNull();
    const timeline = await ok(t, 200, 'GET', `/api/v1/tickets/${ticketId}/timeline`, admin);
    const message = timeline.items.find((i: { id: string }) => i.id === res.json().id);
    expect(message.email).toMatchObject({ direction: 'out', deliveryState: 'sent', messageId: queued!.message_id });

    // Running the queue again (a repeated job) sends nothing more.
    const count = mta.received.length;
    await t.deps.jobs.runDue();
    expect(mta.received).toHaveLength(count);
    expect(await outbound(ticketId)).toHaveLength(1);
  });

  it('threads the next round: answers the customer’s latest mail, extends References, keeps one token and one Re:', async () => {
    const customer = `zhao${seq++}@example.com`;
    const first = await customerWrites({ from: customer, subject: '退货', body: '想退货', messageId: `a.${seq}@example.com` });
    const ticketId = first.ticketId!;
    expect((await reply(ticketId, { body: '好的，请寄回。' })).statusCode).toBe(201);
    await t.deps.jobs.runDue();
    const ours = (await outbound(ticketId))[0]!.message_id;
    const number = (await rows<{ number: number }>(t, sql`select number from tickets where id = ${ticketId}`))[0]!.number;

    const second = await customerWrites({
      from: customer, subject: `回复：Re: 退货 [#${number}]`, body: '已寄出，单号 SF123。', messageId: `b.${seq}@example.com`,
      inReplyTo: ours, references: [`a.${seq}@example.com`, ours],
    });
    expect(second).toMatchObject({ ticketId, createdTicket: false });
    expect((await reply(ticketId, { body: '收到，退款已处理。' })).statusCode).toBe(201);
    await t.deps.jobs.runDue();
    const parsed = await simpleParser(lastTo(customer)!.raw);
    expect(parsed.subject).toBe(`Re: 退货 [#${number}]`);
    expect(parsed.inReplyTo).toBe(`<b.${seq}@example.com>`);
    expect(parsed.references).toEqual([`<a.${seq}@example.com>`, `<${ours}>`, `<b.${seq}@example.com>`]);
    expect(parsed.text).toContain('> 已寄出，单号 SF123。');
    expect(parsed.text).not.toContain('> 想退货');
  });

  it('writes in English to an English-speaking customer', async () => {
    const customer = `smith${seq++}@example.com`;
    const first = await customerWrites({ from: `John Smith <${customer}>`, subject: 'Broken hinge', body: 'The hinge broke.', messageId: `e.${seq}@example.com` });
    await rows(t, sql`update customers set locale = 'en' where id = ${first.customerId}`);
    expect((await reply(first.ticketId!, { body: 'A replacement is on its way.' })).statusCode).toBe(201);
    await t.deps.jobs.runDue();
    const parsed = await simpleParser(lastTo(customer)!.raw);
    expect(parsed.text).toMatch(/^Hello John Smith,\n\nA replacement is on its way\.\n\nBest regards,\n/);
    expect(parsed.text).toContain('John Smith <' + customer + '> wrote:\n> The hinge broke.');
  });

  it('sends nothing for an internal note, and nothing for a portal conversation unless the agent picks a mailbox', async () => {
    const customer = `note${seq++}@example.com`;
    const first = await customerWrites({ from: customer, subject: '备注测试', body: '你好', messageId: `n.${seq}@example.com` });
    expect((await reply(first.ticketId!, { body: '内部备注', internal: true })).statusCode).toBe(201);
    expect(await outbound(first.ticketId!)).toEqual([]);

    const requester = await createCustomer(t, { emails: [`portal${seq}@example.com`] });
    const portal = await createTicket(t, { requesterId: requester.id, channel: 'portal' });
    const quiet = await reply(portal.id, { body: '门户回复' });
    expect(quiet.json().email).toBeNull();
    expect(await outbound(portal.id)).toEqual([]);
    const chosen = await reply(portal.id, { body: '也发一封邮件', mailboxId });
    expect(chosen.json().email).toMatchObject({ deliveryState: 'queued', mailboxId, to: [{ address: `portal${seq}@example.com` }] });
    await t.deps.jobs.runDue();
    const parsed = await simpleParser(lastTo(`portal${seq}@example.com`)!.raw);
    expect(parsed.inReplyTo).toBeUndefined();
    expect(parsed.subject).toBe(`Re: ${portal.subject} [#${portal.number}]`);
  });

  it('refuses an unknown, inactive or pointless mailbox choice naming the field, and keeps no half of the reply', async () => {
    const requester = await createCustomer(t, { emails: [`choose${seq++}@example.com`] });
    const ticket = await createTicket(t, { requesterId: requester.id, channel: 'email' });
    const before = (await ok(t, 200, 'GET', `/api/v1/tickets/${ticket.id}/timeline`, admin)).items.length;
    expectProblem(await reply(ticket.id, { body: 'x', mailboxId: '0190a5b4-0000-7000-8000-000000000000' }), 400, 'validation_failed', 'mailboxId');
    expectProblem(await reply(ticket.id, { body: 'x', mailboxId: 'not-a-uuid' }), 400, 'validation_failed', 'mailboxId');
    const [inactive] = await rows<{ id: string }>(t, sql`insert into mailboxes (id, name, address, active) values (gen_random_uuid(), 'Old', ${`old${seq}@kefu.test`}, false) returning id`);
    expectProblem(await reply(ticket.id, { body: 'x', mailboxId: inactive!.id }), 400, 'validation_failed', 'mailboxId');
    const noEmail = await createTicket(t, { channel: 'phone' });
    expectProblem(await reply(noEmail.id, { body: 'x', mailboxId }), 400, 'validation_failed', 'mailboxId');
    expect((await ok(t, 200, 'GET', `/api/v1/tickets/${ticket.id}/timeline`, admin)).items).toHaveLength(before);
    expect(await outbound(ticket.id)).toEqual([]);
  });
});

describe('delivery failures', () => {
  const notificationsOf = (userId: string) =>
    rows<{ kind: string; data: Record<string, unknown> }>(t, sql`select kind, data from notifications where user_id = ${userId} and kind = 'email.bounced'`);

  it('marks a reply failed at once when the server answers 5xx, with its words, and tells the assignee', async () => {
    const agent = await createStaffUser(t, { role: 'agent' });
    const first = await customerWrites({ from: `refuse5.${seq++}@example.com`, subject: '地址错误', body: '你好', messageId: `f.${seq}@example.com` });
    await ok(t, 200, 'PATCH', `/api/v1/tickets/${first.ticketId}`, admin, { assigneeId: agent.id });
    expect((await reply(first.ticketId!, { body: '您好' })).statusCode).toBe(201);
    await t.deps.jobs.runDue({ includeScheduled: true });
    expect(await outbound(first.ticketId!)).toMatchObject([{ delivery_state: 'failed', delivery_attempts: 1, delivery_error: expect.stringMatching(/^550 .*User unknown/) }]);
    expect(await notificationsOf(agent.id)).toMatchObject([{ kind: 'email.bounced', data: { recipient: `refuse5.${seq - 1}@example.com`, reason: expect.stringContaining('550') } }]);
  });

  it('retries a 4xx answer with backoff and marks the reply failed after the last retry', async () => {
    const customer = `busy.${seq++}@example.com`;
    const first = await customerWrites({ from: customer, subject: '稍后', body: '你好', messageId: `g.${seq}@example.com` });
    const sent = await reply(first.ticketId!, { body: '您好' });
    await t.deps.jobs.runDue();
    expect(await outbound(first.ticketId!)).toMatchObject([{ delivery_state: 'queued', delivery_attempts: 1, delivery_error: expect.stringMatching(/^451 /) }]);
    await t.deps.jobs.runDue({ includeScheduled: true });
    const [row] = await outbound(first.ticketId!);
    expect(row).toMatchObject({ delivery_state: 'failed', delivery_attempts: SEND_TICKET_EMAIL_OPTIONS.retryLimit + 1, delivery_error: expect.stringMatching(/^451 .*busy/) });
    expect(lastTo(customer)).toBeUndefined();
    // The author hears about it when nobody is assigned.
    const author = (await rows<{ author: string }>(t, sql`select author_user_id as author from ticket_messages where id = ${sent.json().id}`))[0]!.author;
    expect((await notificationsOf(author)).filter((n) => n.data.recipient === customer)).toHaveLength(1);
  });

  it('sends through the mailbox’s own SMTP account, and reports a refused connection after the retries', async () => {
    const own = await startCaptureSmtp();
    await rows(t, sql`update mailboxes set smtp_host = '127.0.0.1', smtp_port = ${own.port}, smtp_secure = false where id = ${mailboxId}`);
    try {
      const customer = `own${seq++}@example.com`;
      const first = await customerWrites({ from: customer, subject: '专用通道', body: '你好', messageId: `h.${seq}@example.com` });
      const globalBefore = mta.received.length;
      await reply(first.ticketId!, { body: '您好' });
      await t.deps.jobs.runDue();
      expect(own.received.map((r) => r.to)).toEqual([[customer]]);
      expect(mta.received).toHaveLength(globalBefore);
      await own.close();

      const next = await customerWrites({ from: `gone${seq++}@example.com`, subject: '断开', body: '你好', messageId: `i.${seq}@example.com` });
      await reply(next.ticketId!, { body: '您好' });
      await t.deps.jobs.runDue({ includeScheduled: true });
      expect(await outbound(next.ticketId!)).toMatchObject([{ delivery_state: 'failed', delivery_error: expect.stringMatching(/ECONNREFUSED|connect/) }]);
    } finally {
      await rows(t, sql`update mailboxes set smtp_host = null, smtp_port = null where id = ${mailboxId}`);
    }
  });
});
