import type { AppDeps } from '../../platform/context.js';
import { uuidv7 } from '../../platform/ids.js';
import { finalize, smtpTransport, type MailTransport } from '../../platform/mail/index.js';
import { outboxMessages } from './outbox.tables.js';

/** Keeps mail in the outbox table; inside the caller's transaction when given one. */
export function outboxTransport(deps: Pick<AppDeps, 'db' | 'clock'>): MailTransport {
  return {
    name: 'outbox',
    joinsTransactions: true,
    async send(input, options = {}) {
      const mail = finalize(input);
      const now = deps.clock.now();
      await (options.tx ?? deps.db).insert(outboxMessages).values({
        id: uuidv7(now.getTime()),
        kind: mail.kind,
        to: mail.to.toLowerCase(),
        from: mail.from,
        subject: mail.subject,
        text: mail.text,
        html: mail.html ?? null,
        headers: {
          'Message-ID': mail.messageId,
          ...(mail.toName ? { To: `${mail.toName} <${mail.to}>` } : {}),
          ...(mail.cc?.length ? { Cc: mail.cc.map((c) => (c.name ? `${c.name} <${c.address}>` : c.address)).join(', ') } : {}),
          // The outbox keeps text, not files: it names what would have been attached.
          ...(mail.attachments?.length ? { 'X-Kefu-Attachments': mail.attachments.map((a) => a.filename).join(', ') } : {}),
          ...mail.headers,
        },
        createdAt: now,
      });
      return { messageId: mail.messageId };
    },
    async close() {},
  };
}

/** SMTP when KEFU_SMTP_URL is set, else the outbox: what every module that sends mail uses. */
export function openMailTransport(deps: Pick<AppDeps, 'db' | 'clock' | 'config'>): MailTransport {
  return deps.config.smtpUrl ? smtpTransport(deps.config.smtpUrl) : outboxTransport(deps);
}
