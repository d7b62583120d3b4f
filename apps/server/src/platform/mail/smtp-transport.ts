import nodemailer from 'nodemailer';
import { finalize, type MailTransport } from './mail-transport.js';

/**
 * Mail over an SMTP server given as a URL (`smtp://user:pass@host:587`, `smtps://…:465`). One
 * connection per mail: notifications are few and bursty, and a pool would hold idle connections
 * open on every instance. Timeouts are short so a dead server fails the job (which is retried)
 * instead of holding it for nodemailer's default ten minutes.
 */
export function smtpTransport(url: string): MailTransport {
  const transport = nodemailer.createTransport({ url, connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 });
  return {
    name: 'smtp',
    joinsTransactions: false,
    async send(input) {
      const mail = finalize(input);
      const info = await transport.sendMail({
        from: mail.from,
        to: mail.toName ? { name: mail.toName, address: mail.to } : mail.to,
        subject: mail.subject,
        text: mail.text,
        ...(mail.html ? { html: mail.html } : {}),
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
