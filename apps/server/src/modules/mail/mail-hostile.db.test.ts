import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, unique, type TestApp } from '../../test/test-app.js';
import { ok, rows, type Json } from '../../test/factories.js';
import { defaultMailboxId, mailDepsOf, newMessageId, rawMail } from '../../test/mail.js';
import { ingestRawMail, type MailDeps } from './index.js';

let t: TestApp;
let deps: MailDeps;
let admin: string;
let mailboxId: string;
beforeAll(async () => {
  t = await createTestApp();
  deps = mailDepsOf(t);
  admin = await t.adminSession();
  mailboxId = await defaultMailboxId(t);
});
afterAll(() => t.close());

const from = () => `${unique('h')}@hostile.example`;
const ingest = (raw: string | Buffer) => ingestRawMail(deps, { mailboxId, raw: Buffer.isBuffer(raw) ? raw : Buffer.from(raw) });
async function firstMessage(ticketId: string) {
  return (await ok(t, 200, 'GET', `/api/v1/tickets/${ticketId}/timeline`, admin)).items.find((i: Json) => i.kind === 'message');
}

function multipart(parts: string[], type = 'mixed', boundary = `b${unique()}`) {
  return [`Content-Type: multipart/${type}; boundary="${boundary}"`, '', ...parts.map((p) => `--${boundary}\r\n${p}`), `--${boundary}--`, ''].join('\r\n');
}
function withBody(headers: string, body: string) {
  return `${headers.replace(/Content-Type:[^\r]*\r\nContent-Transfer-Encoding:[^\r]*\r\n\r\n[\s\S]*$/, '')}${body}`;
}

describe('hostile inbound mail', () => {
  it('stores scripted HTML without anything that runs: <svg onload>, <meta refresh>, CSS expression(), javascript: links', async () => {
    const html = `<html><head><meta http-equiv="refresh" content="0;url=https://evil.example"></head><body>
      <p>Hi</p><svg onload="alert(1)"><circle/></svg><div style="width: expression(alert(2))">x</div>
      <a href="javascript:alert(3)">click</a><img src="https://tracker.example/p.gif"><script>alert(4)</script><form action="https://evil.example"><input></form></body></html>`;
    const r = await ingest(rawMail({ from: from(), html }));
    const m = await firstMessage(r.ticketId!);
    expect(m.bodyHtml).not.toMatch(/onload|<script|expression\(|javascript:|http-equiv|<form|<svg/i);
    // Remote images wait for a click: kept as data-remote-src, never loaded by src.
    expect(m.bodyHtml).not.toMatch(/\ssrc="https:\/\/tracker/);
    expect(m.bodyText).toContain('Hi');
  });

  it('keeps an attachment named ..\\..\\x.exe as a plain file name, and links inline cid: images to their attachment', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    const head = rawMail({ from: from(), body: '' }).split('\r\n\r\n')[0]!.replace(/\r\nContent-Type:[^\r]*\r\nContent-Transfer-Encoding:[^\r]*/, '');
    const related = multipart([
      'Content-Type: text/html; charset=utf-8\r\n\r\n<p>See <img src="cid:logo@x"></p>',
      `Content-Type: image/png\r\nContent-ID: <logo@x>\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: inline\r\n\r\n${png.toString('base64')}`,
      `Content-Type: application/octet-stream; name="..\\\\..\\\\x.exe"\r\nContent-Disposition: attachment; filename="..\\\\..\\\\x.exe"\r\nContent-Transfer-Encoding: base64\r\n\r\n${Buffer.from('MZ').toString('base64')}`,
    ], 'related');
    const r = await ingest(`${head}\r\n${related}`);
    const m = await firstMessage(r.ticketId!);
    const names = m.attachments.map((a: Json) => a.filename);
    expect(names.some((n: string) => /[\\/]|\.\./.test(n))).toBe(false);
    expect(names.some((n: string) => n.endsWith('x.exe')), JSON.stringify(names)).toBe(true);
    const image = m.attachments.find((a: Json) => a.contentType === 'image/png');
    expect(m.bodyHtml).toContain(`src="/api/v1/attachments/${image.id}"`);
    expect((await t.call('GET', `/api/v1/attachments/${image.id}`, admin)).statusCode).toBe(200);
  });

  it('reads invalid base64, an unknown charset and 8-bit GBK headers without losing the message', async () => {
    const head = [`From: ${from()}`, 'To: support@localhost', 'Subject: =?x-no-such-charset?B?aGVsbG8=?=', `Message-ID: <${newMessageId()}>`, 'MIME-Version: 1.0'];
    const r1 = await ingest([...head, 'Content-Type: text/plain; charset=x-no-such-charset', 'Content-Transfer-Encoding: base64', '', '!!!not base64@@@', ''].join('\r\n'));
    expect(r1.status).toBe('stored');
    const gbk = Buffer.from('c4e3bac3', 'hex'); // 你好 in GBK
    const raw = Buffer.concat([Buffer.from(`From: ${from()}\r\nTo: support@localhost\r\nSubject: `), gbk, Buffer.from(`\r\nMessage-ID: <${newMessageId()}>\r\nContent-Type: text/plain; charset=gbk\r\n\r\n`), gbk, Buffer.from('\r\n')]);
    const r2 = await ingest(raw);
    const m = await firstMessage(r2.ticketId!);
    expect(m.bodyText).toContain('你好');
  });

  it('stores a message with a 1 MB header line, 10,000 MIME parts or message/rfc822 nested 20 deep, never a 500 and never lost', async () => {
    const huge = `From: ${from()}\r\nTo: support@localhost\r\nSubject: big header\r\nX-Junk: ${'a'.repeat(1024 * 1024)}\r\n\r\nbody\r\n`;
    const parts = Array.from({ length: 10_000 }, (_, i) => `Content-Type: text/plain\r\n\r\npart ${i}`);
    const many = withBody(rawMail({ from: from(), subject: 'many parts' }), '') + multipart(parts);
    let nested = 'Content-Type: text/plain\r\n\r\ninnermost';
    for (let i = 0; i < 20; i++) nested = `Content-Type: message/rfc822\r\n\r\nFrom: n${i}@x.example\r\nSubject: level ${i}\r\n${nested}`;
    const deep = `From: ${from()}\r\nTo: support@localhost\r\nSubject: deep\r\nMessage-ID: <${newMessageId()}>\r\nMIME-Version: 1.0\r\n${nested}\r\n`;
    for (const raw of [huge, many, deep]) {
      const r = await ingest(raw);
      expect(r.status).toBe('stored');
      const [m] = await rows<Json>(t, sql`select raw_size from mail_messages where id = ${r.mailMessageId}`);
      expect(Number(m.raw_size)).toBe(Buffer.byteLength(raw));
      const msg = await firstMessage(r.ticketId!);
      expect(msg.email.rawUrl).toBeTruthy();
    }
  }, 120_000);

  it('refuses a message over the size limit before storing anything', async () => {
    const small = { ...deps, config: { ...deps.config, mailMaxBytes: 1024 } };
    await expect(ingestRawMail(small, { mailboxId, raw: Buffer.from(rawMail({ from: from(), body: 'x'.repeat(2048) })) })).rejects.toThrow(/maxBytes/);
  });

  it('does not let a customer download the original of another customer\'s email (404), nor of a flagged note on their ticket', async () => {
    const customer = await t.customerUser();
    const own = await ingest(rawMail({ from: customer.email, subject: 'mine' }));
    const strangers = await ingest(rawMail({ from: from(), subject: 'not yours' }));
    expect((await t.call('GET', `/api/v1/mail-messages/${own.mailMessageId}/raw`, customer.cookie)).statusCode).toBe(200);
    expect((await t.call('GET', `/api/v1/mail-messages/${strangers.mailMessageId}/raw`, customer.cookie)).statusCode).toBe(404);
    await ok(t, 200, 'PATCH', `/api/v1/mailboxes/${mailboxId}`, admin, { unknownSenderPolicy: 'flagged_note' });
    try {
      const note = await ingest(rawMail({ from: from(), subject: `Re: [#${own.ticketNumber}]` }));
      expect(note).toMatchObject({ ticketId: own.ticketId, flagged: true });
      expect((await t.call('GET', `/api/v1/mail-messages/${note.mailMessageId}/raw`, customer.cookie)).statusCode).toBe(404);
      const seen = (await ok(t, 200, 'GET', `/api/v1/tickets/${own.ticketId}/timeline`, customer.cookie)).items.filter((i: Json) => i.kind === 'message');
      expect(seen).toHaveLength(1);
    } finally {
      await ok(t, 200, 'PATCH', `/api/v1/mailboxes/${mailboxId}`, admin, { unknownSenderPolicy: 'new_ticket' });
    }
  });
});
