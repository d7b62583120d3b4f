/*
 * Outbound mail: one interface, two implementations. With an SMTP server configured, mail goes
 * out over it (smtp-transport.ts); without one, it is kept in the outbox table (modules/outbox),
 * so a default install sends "mail" an admin can read, end to end, with nothing to set up.
 */
import { randomUUID } from 'node:crypto';
import type { Executor } from '../db/client.js';

export interface OutboundMail {
  /** What the mail is, for the outbox and logs: `notification`, `notification.digest`, … */
  kind: string;
  /** `Name <address>` or a bare address. */
  from: string;
  /** The recipient's address. */
  to: string;
  toName?: string | undefined;
  subject: string;
  text: string;
  html?: string | null | undefined;
  /** Extra headers; a Message-ID here is kept, otherwise one is made. */
  headers?: Record<string, string> | undefined;
  /** Copies to: customers CC'd on an email conversation. */
  cc?: ReadonlyArray<MailAddress> | undefined;
  attachments?: ReadonlyArray<MailAttachment> | undefined;
}

export interface MailAddress {
  address: string;
  name?: string | null | undefined;
}

export interface MailAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

export interface SentMail {
  messageId: string;
}

export interface MailTransport {
  readonly name: 'smtp' | 'outbox';
  /** True when `send` writes to the database and so can commit or roll back with the caller's `tx`. */
  readonly joinsTransactions: boolean;
  /**
   * Sends one mail. `tx` lets a transport that writes to the database (the outbox) commit with the
   * caller's work; a network transport ignores it (a mail that left cannot be rolled back).
   */
  send(mail: OutboundMail, options?: { tx?: Executor }): Promise<SentMail>;
  close(): Promise<void>;
}

/** The address inside `Name <address>` (or the bare address). */
export function addressOf(mailbox: string): string {
  const m = /<([^<>]+)>\s*$/.exec(mailbox);
  return (m ? m[1]! : mailbox).trim();
}

/** A fresh Message-ID on the sender's domain, so replies and bounces can be traced to Kefu. */
export function newMessageId(from: string): string {
  const domain = addressOf(from).split('@')[1] || 'localhost';
  return `<${randomUUID()}@${domain}>`;
}

/**
 * Header values may not carry line breaks: a CR or LF in a subject taken from user input would
 * let it add headers of its own. Everything else is left to the encoder (RFC 2047 for non-ASCII).
 */
export function headerSafe(value: string): string {
  return value.replace(/[\r\n\u2028\u2029]+/g, ' ').trim();
}

/** Mail as it is sent: header-safe subject and names, a Message-ID, and the automatic-mail headers. */
export function finalize(mail: OutboundMail): Required<Pick<OutboundMail, 'headers'>> & OutboundMail & { messageId: string } {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(mail.headers ?? {})) headers[headerSafe(k)] = headerSafe(v);
  const messageId = headers['Message-ID'] ?? newMessageId(mail.from);
  delete headers['Message-ID'];
  // A person's reply (Auto-Submitted: no) may get the customer's out-of-office answer; everything
  // else Kefu sends is machine-written (RFC 3834), so auto-responders must not answer it.
  const human = headers['Auto-Submitted'] === 'no';
  return {
    ...mail,
    subject: headerSafe(mail.subject),
    toName: mail.toName === undefined ? undefined : headerSafe(mail.toName),
    cc: mail.cc?.map((c) => ({ address: headerSafe(c.address), name: c.name ? headerSafe(c.name) : null })),
    headers: human ? headers : { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All', ...headers },
    messageId,
  };
}

/** Why an SMTP send failed, and whether trying again can help. */
export interface SendFailure {
  /** A 5xx reply: the server said no for good (RFC 5321 §4.2.1); retrying would only repeat it. */
  permanent: boolean;
  /** The server's reply line when there is one (`550 5.1.1 no such user`), else the error. */
  reason: string;
}

/** Classifies an error thrown by a transport's `send` (nodemailer sets `responseCode`/`response`). */
export function sendFailureOf(err: unknown): SendFailure {
  const e = (err ?? {}) as { responseCode?: unknown; response?: unknown; code?: unknown; message?: unknown };
  const status = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const line = typeof e.response === 'string' && e.response.trim() ? e.response.trim() : undefined;
  const message = typeof e.message === 'string' ? e.message : String(err);
  const code = typeof e.code === 'string' ? `${e.code}: ` : '';
  const reason = (line ?? `${code}${message}`).replace(/\s+/g, ' ').slice(0, 1000);
  return { permanent: status !== undefined && status >= 500 && status < 600, reason };
}
