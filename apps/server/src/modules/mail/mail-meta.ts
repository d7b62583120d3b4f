import { inArray } from 'drizzle-orm';
import type { EmailMeta } from '@kefu/contracts';
import type { Executor } from '../../platform/db/client.js';
import { mailMessages } from './mail.tables.js';

type MailRow = typeof mailMessages.$inferSelect;

/** The email side of a ticket message, as the conversation shows it. */
export const presentEmailMeta = (r: MailRow): EmailMeta => ({
  direction: r.direction,
  mailboxId: r.mailboxId,
  from: r.fromAddress ? { address: r.fromAddress, name: r.fromName } : null,
  to: r.to,
  cc: r.cc,
  subject: r.subject,
  messageId: r.messageId,
  deliveryState: r.deliveryState,
  deliveryError: r.deliveryError,
  flagged: r.flagged,
  rawUrl: r.rawBlobKey ? `/api/v1/mail-messages/${r.id}/raw` : null,
});

/**
 * Email metadata of ticket messages by message id. A leaf of the mail module (tables only), so
 * the tickets module can present messages without importing the mail module's services, which
 * import tickets themselves.
 */
export async function emailMetaOfMessages(db: Executor, messageIds: string[]): Promise<Map<string, EmailMeta>> {
  const out = new Map<string, EmailMeta>();
  if (!messageIds.length) return out;
  const rows = await db.select().from(mailMessages).where(inArray(mailMessages.ticketMessageId, messageIds));
  for (const r of rows) if (r.ticketMessageId) out.set(r.ticketMessageId, presentEmailMeta(r));
  return out;
}
