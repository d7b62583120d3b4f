import nodemailer from 'nodemailer';
import { finalize, type MailTransport } from './mail-transport.js';

/** A mailbox's own SMTP account (the password already decrypted). */
export interface SmtpSettings {
  host: string;
  port: number;
  /** TLS from the first byte (465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  user?: string | null | undefined;
  password?: string | null | undefined;
}

const TIMEOUTS = { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 };

/**
 * Mail over an SMTP server given as a URL (`smtp://user:pass@host:587`, `smtps://…:465`) or as a
 * mailbox's settings. One connection per mail: mail is few and bursty, and a pool would hold idle
 * connections open on every instance. Timeouts are short so a dead server fails the job (which is
 * retried) instead of holding it for nodemailer's default ten minutes.
 */
export function smtpTransport(server: string | SmtpSettings): MailTransport {
  const transport = typeof server === 'string'
    ? nodemailer.createTransport({ url: server, ...TIMEOUTS })
    : nodemailer.createTransport({
        host: server.host,
        port: server.port,
        secure: server.secure,
        ...(server.user ? { auth: { user: server.user, pass: server.password ?? '' } } : {}),
        ...TIMEOUTS,
      });
  return {
    name: 'smtp',
    joinsTransactions: false,
    async send(input) {
      const mail = finalize(input);
      const info = await transport.sendMail({
        from: mail.from,
        to: mail.toName ? { name: mail.toName, address: mail.to } : mail.to,
        ...(mail.cc?.length ? { cc: mail.cc.map((c) => (c.name ? { name: c.name, address: c.address } : c.address)) } : {}),
        subject: mail.subject,
        text: mail.text,
        ...(mail.html ? { html: mail.html } : {}),
        ...(mail.attachments?.length
          ? { attachments: mail.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })) }
          : {}),
        headers: mail.headers,
        messageId: mail.messageId,
      });
      return { messageId: info.messageId || mail.messageId };
    },
    async close() {
      transport.close();
    },
  };
}
