/*
 * Bounces (delivery status notifications, RFC 3464): the receiving side's "your reply never
 * arrived". Matched to the outbound mail by the original Message-ID the DSN quotes, else by the
 * failed recipient among our recent mail; the mail turns `failed` with the diagnostic, and the
 * ticket's owner hears about it. A bounce is never a customer message and is never answered.
 */
import { and, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { AppDeps } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { notifyUndelivered } from './mail-outbound-send.js';
import { mailMessages } from './mail.tables.js';

/** A DSN naming only the recipient is matched to our mail to them within this many days. */
const RECIPIENT_MATCH_DAYS = 7;

export interface BounceReport {
  originalMessageId: string | null;
  recipient: string | null;
  /** RFC 3463 status, e.g. `5.1.1`. */
  status: string | null;
  /** RFC 3464 action: failed · delayed · delivered · relayed · expanded. */
  action: string | null;
  diagnostic: string | null;
}

const bare = (id: string) => id.trim().replace(/^<+|>+$/g, '');

/** A DSN that reports a final failure; `delayed` and `delivered` reports change nothing. */
export function isFailure(b: BounceReport): boolean {
  const action = b.action?.trim().toLowerCase();
  if (action) return action === 'failed';
  return !b.status || b.status.trim().startsWith('5');
}

/**
 * Called by the ingest pipeline (after its commit) for a mail whose parse found a DSN. Returns the
 * id of the outbound mail it marked failed, or null when none matched or nothing changed.
 */
export async function recordBounce(deps: AppDeps, parsed: { bounce: BounceReport | null }, _result?: unknown): Promise<string | null> {
  const b = parsed.bounce;
  if (!b || !isFailure(b)) return null;
  const reason = [b.status, b.diagnostic].map((s) => s?.replace(/\s+/g, ' ').trim()).filter(Boolean).join(' ').slice(0, 1000) || 'The receiving mail server returned the message';
  return inTransaction(deps.db, async (tx) => {
    let target: { id: string } | undefined;
    if (b.originalMessageId) {
      [target] = await tx.select({ id: mailMessages.id }).from(mailMessages)
        .where(and(eq(mailMessages.messageId, bare(b.originalMessageId)), eq(mailMessages.direction, 'out'))).limit(1);
    }
    const recipient = b.recipient?.trim().toLowerCase();
    if (!target && recipient) {
      const since = new Date(deps.clock.now().getTime() - RECIPIENT_MATCH_DAYS * 86_400_000);
      [target] = await tx.select({ id: mailMessages.id }).from(mailMessages)
        .where(and(
          eq(mailMessages.direction, 'out'),
          // Only mail that left can bounce: a queued one is not what this DSN is about.
          eq(mailMessages.deliveryState, 'sent'),
          gt(mailMessages.createdAt, since),
          sql`${mailMessages.to} @> ${JSON.stringify([{ address: recipient }])}::jsonb`,
        ))
        .orderBy(desc(mailMessages.createdAt), desc(mailMessages.id))
        .limit(1);
    }
    if (!target) return null;
    const [row] = await tx.update(mailMessages)
      .set({ deliveryState: 'failed', deliveryError: reason })
      .where(and(eq(mailMessages.id, target.id), inArray(mailMessages.deliveryState, ['queued', 'sent'])))
      .returning();
    // A second DSN for the same mail (one per recipient, or a repeat) does not notify twice.
    if (!row) return null;
    await notifyUndelivered(deps, tx, row, reason);
    return row.id;
  });
}
