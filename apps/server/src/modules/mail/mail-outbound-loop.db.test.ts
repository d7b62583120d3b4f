import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { rows } from '../../test/factories.js';
import { startMailListener, type SmtpListener } from './index.js';
import { rawMail } from './mail-outbound.test-support.js';

/*
 * Two Kefu installations that acknowledge every new ticket, each with its SMTP listener on its own
 * port and its mailbox sending through the other's listener: a mail from one to the other must not
 * start an endless exchange of acknowledgments (issue 5: it stops within 3 messages).
 */
interface Side { app: TestApp; listener: SmtpListener; address: string; mailboxId: string }
let a: Side;
let b: Side;

async function install(address: string): Promise<Side> {
  const app = await createTestApp({ KEFU_SMTP_PORT: '0', KEFU_SMTP_HOST: '127.0.0.1' });
  const listener = (await startMailListener(app.deps))!;
  const [m] = await rows<{ id: string }>(app, sql`update mailboxes set address = ${address}, auto_reply_enabled = true where is_default returning id`);
  return { app, listener, address, mailboxId: m!.id };
}
const sendThrough = (side: Side, port: number) =>
  rows(side.app, sql`update mailboxes set smtp_host = '127.0.0.1', smtp_port = ${port}, smtp_secure = false where id = ${side.mailboxId}`);

beforeAll(async () => {
  a = await install('support@a.kefu.test');
  b = await install('helpdesk@b.kefu.test');
});
afterAll(async () => {
  for (const side of [a, b]) {
    await side.listener.close();
    await side.app.close();
  }
});

/** Mail each installation received: every message of the exchange, the first one included. */
const delivered = async () =>
  (await Promise.all([a, b].map((s) => rows<{ n: number }>(s.app, sql`select count(*)::int as n from mail_messages where direction = 'in'`))))
    .reduce((sum, r) => sum + r[0]!.n, 0);

/** Runs both installations' jobs until neither has anything left to send (or far past any limit). */
async function settle() {
  for (let round = 0; round < 20; round++) {
    const ran = (await a.app.deps.jobs.runDue()) + (await b.app.deps.jobs.runDue());
    if (ran === 0) return round;
  }
  return 20;
}

async function start(fromSide: Side, toSide: Side, subject: string) {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: toSide.listener.port, secure: false, ignoreTLS: true });
  await transport.sendMail({
    envelope: { from: fromSide.address, to: [toSide.address] },
    raw: rawMail({ from: fromSide.address, to: toSide.address, subject, body: '你好', messageId: `${subject}.${Date.now()}@start.example` }),
  });
  transport.close();
}

/**
 * A relay that drops the headers loop protection relies on (some gateways and forwarders do),
 * then passes the mail on: only threading and the hourly limit are left to stop the exchange.
 */
async function strippingRelay(targetPort: number) {
  const out = nodemailer.createTransport({ host: '127.0.0.1', port: targetPort, secure: false, ignoreTLS: true });
  const server = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const cut = raw.indexOf('\r\n\r\n');
        const head = raw.slice(0, cut).replace(/\r\n[ \t]+/g, ' ').split('\r\n')
          .filter((l) => !/^(auto-submitted|precedence|x-loop|x-auto-response-suppress):/i.test(l)).join('\r\n');
        out.sendMail({ envelope: { from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address) }, raw: head + raw.slice(cut) })
          .then(() => callback(), (err: Error) => callback(err));
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.server.address() as AddressInfo).port, close: () => new Promise<void>((r) => server.close(() => { out.close(); r(); })) };
}

describe('two Kefu installations auto-replying to each other', () => {
  it('stop within 3 messages', async () => {
    await sendThrough(a, b.listener.port);
    await sendThrough(b, a.listener.port);
    await start(b, a, 'loop-1');
    expect(await settle()).toBeLessThan(20);
    const total = await delivered();
    expect(total).toBeGreaterThanOrEqual(2); // the first mail, and A's acknowledgment reached B
    expect(total).toBeLessThanOrEqual(3);
    // B saw an acknowledgment and refused to answer it.
    const [ack] = await rows<{ from_address: string }>(b.app, sql`select from_address from mail_messages where direction = 'in'`);
    expect(ack!.from_address).toBe(a.address);
    expect(await rows(b.app, sql`select id from mail_auto_replies`)).toEqual([]);
  });

  it('stop within 3 messages even when a relay strips Auto-Submitted, Precedence and X-Loop', async () => {
    const before = await delivered();
    const toB = await strippingRelay(b.listener.port);
    const toA = await strippingRelay(a.listener.port);
    try {
      await sendThrough(a, toB.port);
      await sendThrough(b, toA.port);
      await start(b, a, 'loop-2');
      expect(await settle()).toBeLessThan(20);
      const exchanged = (await delivered()) - before;
      // The first mail, A's acknowledgment, B's acknowledgment (nothing told B it was automatic);
      // B's answers A's, so A threads it onto the ticket it opened and sends nothing more.
      expect(exchanged).toBe(3);
      const n = (await rows<{ n: number }>(a.app, sql`select count(*)::int as n from mail_auto_replies`))[0]!.n;
      expect(n).toBe(2);
    } finally {
      await toB.close();
      await toA.close();
    }
  });
});
