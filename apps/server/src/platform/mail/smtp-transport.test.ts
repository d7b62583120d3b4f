import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { sendFailureOf, smtpTransport } from './index.js';

interface Received {
  from: string;
  to: string[];
  raw: string;
}

/** A real SMTP server on a random port that keeps what it is sent and refuses one address. */
let server: SMTPServer;
let url: string;
const received: Received[] = [];
beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith('nobody@')) return callback(Object.assign(new Error('no such user'), { responseCode: 550 }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** The header block of a raw message, unfolded. */
const headerBlock = (raw: string) => raw.slice(0, raw.indexOf('\r\n\r\n')).replace(/\r\n[ \t]+/g, ' ');

describe('SMTP transport', () => {
  it('delivers headers and both bodies, with a Chinese subject and name encoded per RFC 2047', async () => {
    const transport = smtpTransport(url);
    const subject = '[Kefu #10042] 工单已分配给您：发票抬头错误，请尽快处理 🙏';
    const sent = await transport.send({
      kind: 'notification',
      from: 'Kefu 客服 <noreply@kefu.example.com>',
      to: 'Agent.Li@example.com',
      toName: '李娜',
      subject,
      text: '您好，李娜：\n工单 #10042 已分配给您。',
      html: '<p>您好，李娜：</p><p>工单 <b>#10042</b> 已分配给您。</p>',
      headers: { 'X-Kefu-Notification': 'ticket.assigned' },
    });
    await transport.close();
    expect(sent.messageId).toMatch(/^<[0-9a-f-]{36}@kefu\.example\.com>$/);
    const mail = received.at(-1)!;
    expect(mail.from).toBe('noreply@kefu.example.com');
    expect(mail.to).toEqual(['Agent.Li@example.com']);

    const headers = headerBlock(mail.raw);
    // On the wire every header is ASCII: the subject and display names travel as encoded-words.
    expect(headers).toMatch(/^[\x20-\x7e\r\n\t]*$/);
    expect(headers).toMatch(/^Subject: =\?UTF-8\?[BQ]\?/im);
    expect(headers).toMatch(/^Auto-Submitted: auto-generated$/im);
    expect(headers).toMatch(/^X-Kefu-Notification: ticket\.assigned$/im);
    expect(headers).toContain(`Message-ID: ${sent.messageId}`);

    const parsed = await simpleParser(mail.raw);
    expect(parsed.subject).toBe(subject);
    expect(parsed.from?.value).toEqual([{ name: 'Kefu 客服', address: 'noreply@kefu.example.com' }]);
    expect(parsed.to && !Array.isArray(parsed.to) ? parsed.to.value : null).toEqual([{ name: '李娜', address: 'Agent.Li@example.com' }]);
    expect(parsed.text?.trim()).toBe('您好，李娜：\n工单 #10042 已分配给您。');
    expect(parsed.html).toContain('工单 <b>#10042</b> 已分配给您。');
    expect(parsed.messageId).toBe(sent.messageId);
  });

  it('keeps line breaks in a subject from adding headers of their own', async () => {
    const transport = smtpTransport(url);
    await transport.send({
      kind: 'notification',
      from: 'noreply@kefu.example.com',
      to: 'a@example.com',
      toName: 'Eve\r\nBcc: victim@example.com',
      subject: 'Hello\r\nBcc: victim@example.com\nX-Evil: 1',
      text: 'body',
    });
    const mail = received.at(-1)!;
    expect(mail.to).toEqual(['a@example.com']);
    expect(headerBlock(mail.raw)).not.toMatch(/^(Bcc|X-Evil):/im);
    expect((await simpleParser(mail.raw)).subject).toBe('Hello Bcc: victim@example.com X-Evil: 1');
  });

  it('fails when the server refuses the recipient, so the job that sent it is retried', async () => {
    const before = received.length;
    await expect(smtpTransport(url).send({ kind: 'notification', from: 'noreply@kefu.example.com', to: 'nobody@example.com', subject: 'x', text: 'x' }))
      .rejects.toThrow(/550|no such user/);
    expect(received).toHaveLength(before);
  });

  it('sends copies and attachments, and leaves a person’s reply open to out-of-office answers', async () => {
    const transport = smtpTransport({ host: '127.0.0.1', port: Number(new URL(url).port), secure: false });
    await transport.send({
      kind: 'mail.reply',
      from: '"客服中心" <support@kefu.example.com>',
      to: 'wang@example.com',
      cc: [{ address: 'li@example.com', name: '李雷' }, { address: 'zhao@example.com' }],
      subject: 'Re: 发票 [#10042]',
      text: '已重开',
      attachments: [{ filename: '发票.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF-1.4') }],
      headers: { 'Auto-Submitted': 'no', 'In-Reply-To': '<c1@example.com>' },
    });
    const mail = received.at(-1)!;
    expect(mail.to.sort()).toEqual(['li@example.com', 'wang@example.com', 'zhao@example.com']);
    const headers = headerBlock(mail.raw);
    expect(headers).toMatch(/^Auto-Submitted: no$/im);
    expect(headers).not.toMatch(/^X-Auto-Response-Suppress:/im);
    const parsed = await simpleParser(mail.raw);
    expect(parsed.inReplyTo).toBe('<c1@example.com>');
    expect(parsed.attachments.map((a) => [a.filename, a.content.toString()])).toEqual([['发票.pdf', '%PDF-1.4']]);
  });

  it('classifies failures: a 5xx is final, a 4xx or a network error is worth a retry', async () => {
    const refused = await smtpTransport(url).send({ kind: 'x', from: 'a@b.c', to: 'nobody@example.com', subject: 'x', text: 'x' }).catch((e: unknown) => e);
    expect(sendFailureOf(refused)).toEqual({ permanent: true, reason: expect.stringMatching(/^550 .*no such user/) });
    expect(sendFailureOf(Object.assign(new Error('x'), { responseCode: 451, response: '451 4.3.0 try later' }))).toEqual({ permanent: false, reason: '451 4.3.0 try later' });
    expect(sendFailureOf(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ESOCKET' }))).toEqual({ permanent: false, reason: 'ESOCKET: connect ECONNREFUSED 127.0.0.1:1' });
    expect(sendFailureOf('odd')).toEqual({ permanent: false, reason: 'odd' });
  });

  it('fails when no server listens', async () => {
    const closed = new SMTPServer({ authOptional: true, disabledCommands: ['STARTTLS'], logger: false });
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.server.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(smtpTransport(`smtp://127.0.0.1:${port}`).send({ kind: 'notification', from: 'a@b.c', to: 'x@example.com', subject: 'x', text: 'x' }))
      .rejects.toThrow(/ECONNREFUSED|connect/);
  });
});

describe('mail configuration', () => {
  it('defaults to the outbox and a local From, and reads an SMTP URL and From', () => {
    expect(loadConfig({})).toMatchObject({ smtpUrl: undefined, mailFrom: 'Kefu <noreply@localhost>' });
    expect(loadConfig({ KEFU_SMTP_URL: 'smtps://u:p@mail.example.com:465', KEFU_MAIL_FROM: '客服中心 <service@example.com>' }))
      .toMatchObject({ smtpUrl: 'smtps://u:p@mail.example.com:465', mailFrom: '客服中心 <service@example.com>' });
  });

  it.each([
    ['KEFU_SMTP_URL', 'mail.example.com:25'],
    ['KEFU_SMTP_URL', 'http://mail.example.com'],
    ['KEFU_MAIL_FROM', 'not an address'],
    ['KEFU_MAIL_FROM', 'Kefu <a@b.c>\r\nBcc: x@y.z'],
  ])('refuses %s=%s naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`${name}: `));
  });
});
