import net from 'node:net';
import nodemailer from 'nodemailer';
import { sql } from 'drizzle-orm';
import { openBlobStore } from '../platform/storage/index.js';
import type { MailDeps } from '../modules/mail/index.js';
import type { TestApp } from './test-app.js';

let n = 0;

export interface RawMailSpec {
  from: string;
  to?: string;
  cc?: string;
  subject?: string;
  /** Without <>; `null` leaves the header out. */
  messageId?: string | null;
  inReplyTo?: string;
  references?: string[];
  body?: string;
  /** Extra header lines, e.g. 'Auto-Submitted: auto-replied'. */
  headers?: string[];
  html?: string;
}

export const newMessageId = (tag = 'm') => `${tag}.${Date.now().toString(36)}.${(n++).toString(36)}@client.example`;

/** A plain RFC 5322 message with CRLF line ends. */
export function rawMail(s: RawMailSpec): string {
  const messageId = s.messageId === undefined ? newMessageId() : s.messageId;
  const lines = [
    `From: ${s.from}`,
    `To: ${s.to ?? 'support@localhost'}`,
    ...(s.cc ? [`Cc: ${s.cc}`] : []),
    `Subject: ${s.subject ?? 'Hello'}`,
    'Date: Tue, 24 Nov 2026 08:00:00 +0800',
    ...(messageId ? [`Message-ID: <${messageId}>`] : []),
    ...(s.inReplyTo ? [`In-Reply-To: <${s.inReplyTo}>`] : []),
    ...(s.references?.length ? [`References: ${s.references.map((r) => `<${r}>`).join(' ')}`] : []),
    'MIME-Version: 1.0',
    ...(s.headers ?? []),
  ];
  if (s.html) {
    lines.push('Content-Type: text/html; charset=utf-8', 'Content-Transfer-Encoding: 8bit', '', s.html);
  } else {
    lines.push('Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit', '', s.body ?? 'Please help.');
  }
  return lines.join('\r\n') + '\r\n';
}

export const mailDepsOf = (t: TestApp): MailDeps => ({ ...t.deps, blobs: openBlobStore(t.deps.config) });

export async function defaultMailboxId(t: TestApp): Promise<string> {
  const r = await t.deps.db.execute<{ id: string }>(sql`select id from mailboxes where is_default`);
  return r.rows[0]!.id;
}

export interface SmtpOutcome { ok: boolean; code: number | null; response: string }

/** Sends with nodemailer to the listener; returns the server's answer instead of throwing. */
export async function sendSmtp(port: number, from: string, to: string[], raw: string | Buffer): Promise<SmtpOutcome> {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, socketTimeout: 60_000 });
  try {
    const info = await transport.sendMail({ envelope: { from, to }, raw });
    return { ok: true, code: 250, response: info.response };
  } catch (err) {
    const e = err as { responseCode?: number; response?: string; message: string };
    return { ok: false, code: e.responseCode ?? null, response: e.response ?? e.message };
  } finally {
    transport.close();
  }
}

/**
 * A minimal SMTP conversation over a raw socket (no SIZE parameter, so the server must count the
 * bytes itself); returns every reply line the server sent.
 */
export async function rawSmtp(port: number, commands: { mailFrom: string; rcptTo: string[]; data: Buffer }): Promise<string[]> {
  const sock = net.connect(port, '127.0.0.1');
  const replies: string[] = [];
  let buf = '';
  const waiters: ((line: string) => void)[] = [];
  sock.on('data', (d: Buffer) => {
    buf += d.toString('latin1');
    let i;
    while ((i = buf.indexOf('\r\n')) >= 0) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 2);
      replies.push(line);
      // Multi-line replies (250-…) end at the line with a space after the code.
      if (/^\d{3} /.test(line)) waiters.shift()?.(line);
    }
  });
  const next = () => new Promise<string>((resolve) => waiters.push(resolve));
  const send = (s: string | Buffer) => new Promise<void>((resolve, reject) => sock.write(s, (err) => (err ? reject(err) : resolve())));
  try {
    await next();
    await send('EHLO test\r\n');
    await next();
    await send(`MAIL FROM:<${commands.mailFrom}>\r\n`);
    if (!(await next()).startsWith('250')) return replies;
    for (const r of commands.rcptTo) {
      await send(`RCPT TO:<${r}>\r\n`);
      await next();
    }
    await send('DATA\r\n');
    if (!(await next()).startsWith('354')) return replies;
    const reply = next();
    const chunk = 1024 * 1024;
    for (let i = 0; i < commands.data.length; i += chunk) await send(commands.data.subarray(i, i + chunk));
    await send('\r\n.\r\n');
    await reply;
    await send('QUIT\r\n');
    return replies;
  } finally {
    sock.destroy();
  }
}

export async function count(t: TestApp, table: 'tickets' | 'ticket_messages' | 'mail_messages' | 'ticket_participants'): Promise<number> {
  const r = await t.deps.db.execute<{ n: number }>(sql`select count(*)::int as n from ${sql.raw(table)}`);
  return r.rows[0]!.n;
}
