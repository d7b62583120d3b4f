/*
 * Notification mail to staff, with a digest instead of a storm: the first email-worthy
 * notification a user gets goes out at once and opens a window (DIGEST_WINDOW_MS); whatever
 * follows before the window closes is held, and one digest job per user (singletonKey) sends it
 * all as one mail when the window closes.
 *
 * Exactly-once-ish across instances and restarts: every step runs under the user's window row
 * lock (FOR UPDATE), state lives on rows (`notification_emails.status`, the window's `closes_at`),
 * and pg-boss hands each job to one instance. A mail is claimed (`sending`, with its job id and
 * Message-ID) before it is sent and marked `sent` after, so a failed send is retried with the same
 * Message-ID, and a crash between sending over SMTP and marking can at worst repeat one mail —
 * never lose one. The outbox transport writes and marks in one transaction.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Locale } from '@kefu/contracts';
import type { AppDeps } from '../../platform/context.js';
import type { Executor } from '../../platform/db/client.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { uuidv7 } from '../../platform/ids.js';
import type { JobContext, JobOptions } from '../../platform/jobs/index.js';
import { newMessageId, type MailTransport, type OutboundMail, type SentMail } from '../../platform/mail/index.js';
import { openMailTransport } from '../outbox/index.js';
import { users } from '../users/index.js';
import { composeDigest, composeSingle, type MailItem } from './notification-mail.templates.js';
import { notificationEmails, notificationEmailWindows } from './notifications.tables.js';

export const SEND_NOTIFICATION_EMAIL = 'send-notification-email';
export const SEND_NOTIFICATION_DIGEST = 'send-notification-digest';
export const DIGEST_WINDOW_MS = 5 * 60_000;

const emailPayload = z.object({ emailId: z.uuid() });
const digestPayload = z.object({ userId: z.uuid() });
/** An SMTP server down for a few hours still gets its mail: backoff from 30 s over a dozen tries. */
const mailJobOptions: JobOptions = { retryLimit: 12, retryDelaySeconds: 30, retryBackoff: true };

type EmailRow = typeof notificationEmails.$inferSelect;

export interface NotificationToMail {
  kind: string;
  ticketId: string | null;
  actorName: string;
  data: Record<string, unknown>;
}

/** Writes the mail owed to each user in the caller's transaction and books its job with it. */
export async function queueNotificationEmails(deps: AppDeps, tx: Executor, userIds: string[], n: NotificationToMail) {
  if (userIds.length === 0) return;
  const now = deps.clock.now();
  const rows = userIds.map((userId) => ({
    id: uuidv7(now.getTime()), userId, kind: n.kind, ticketId: n.ticketId, actorName: n.actorName, data: n.data, createdAt: now,
  }));
  await tx.insert(notificationEmails).values(rows);
  for (const r of rows) await deps.jobs.send(SEND_NOTIFICATION_EMAIL, { emailId: r.id }, { tx });
}

export function defineNotificationJobs(deps: AppDeps, transport: MailTransport = openMailTransport(deps)) {
  deps.jobs.defineJob(SEND_NOTIFICATION_EMAIL, emailPayload, ({ emailId }, ctx) => sendNotificationEmail(deps, transport, emailId, ctx), mailJobOptions);
  deps.jobs.defineJob(SEND_NOTIFICATION_DIGEST, digestPayload, ({ userId }, ctx) => sendNotificationDigest(deps, transport, userId, ctx), mailJobOptions);
  return transport;
}

/** Locks the user's window row (creating it closed) and returns when it closes. */
async function lockWindow(tx: Executor, userId: string): Promise<Date> {
  await tx.insert(notificationEmailWindows).values({ userId, closesAt: new Date(0) }).onConflictDoNothing();
  const [w] = await tx.select().from(notificationEmailWindows).where(eq(notificationEmailWindows.userId, userId)).for('update');
  return w!.closesAt;
}

interface Recipient { email: string; name: string; locale: Locale }

/** Only active staff get staff mail: a user deactivated since the notification gets none. */
async function recipientOf(tx: Executor, userId: string): Promise<Recipient | null> {
  const [u] = await tx.select({ email: users.email, name: users.name, locale: users.locale, role: users.role, active: users.active })
    .from(users).where(eq(users.id, userId)).limit(1);
  return u && u.active && u.role !== 'customer' ? u : null;
}

const itemOf = (r: EmailRow): MailItem => ({ kind: r.kind, ticketId: r.ticketId, actorName: r.actorName, data: r.data });

interface Claimed { mail: OutboundMail; ids: string[] }

function mailFor(deps: AppDeps, to: Recipient, rows: EmailRow[], messageId: string): OutboundMail {
  const base = (deps.config.publicUrl ?? 'http://localhost:3000').replace(/\/+$/, '');
  const digest = rows.length > 1;
  const body = digest ? composeDigest(rows.map(itemOf), to, base) : composeSingle(itemOf(rows[0]!), to, base);
  return {
    kind: digest ? 'notification.digest' : 'notification',
    from: deps.config.mailFrom,
    to: to.email,
    toName: to.name,
    ...body,
    headers: { 'Message-ID': messageId, 'X-Kefu-Notification': digest ? 'digest' : rows[0]!.kind },
  };
}

/** Marks rows `sending` for this job under one Message-ID; they go out together. */
async function claim(deps: AppDeps, tx: Executor, to: Recipient, rows: EmailRow[], ctx: JobContext): Promise<Claimed> {
  const messageId = rows[0]!.messageId ?? newMessageId(deps.config.mailFrom);
  const ids = rows.map((r) => r.id);
  await tx.update(notificationEmails).set({ status: 'sending', jobId: ctx.jobId, messageId }).where(inArray(notificationEmails.id, ids));
  return { mail: mailFor(deps, to, rows, messageId), ids };
}

async function skip(tx: Executor, ids: string[]) {
  await tx.update(notificationEmails).set({ status: 'skipped' }).where(inArray(notificationEmails.id, ids));
}

/** Sends a claimed mail and marks its rows sent: in one transaction when the transport can join one. */
async function deliver(deps: AppDeps, transport: MailTransport, claimed: Claimed) {
  const markSent = async (exec: Executor, sent: SentMail) => {
    await exec.update(notificationEmails)
      .set({ status: 'sent', sentAt: deps.clock.now(), messageId: sent.messageId })
      .where(and(inArray(notificationEmails.id, claimed.ids), eq(notificationEmails.status, 'sending')));
  };
  if (transport.joinsTransactions) {
    await inTransaction(deps.db, async (tx) => markSent(tx, await transport.send(claimed.mail, { tx })));
  } else {
    // The network call stays outside any transaction: on PGlite an open one holds the whole database.
    await markSent(deps.db, await transport.send(claimed.mail));
  }
}

async function sendNotificationEmail(deps: AppDeps, transport: MailTransport, emailId: string, ctx: JobContext) {
  const claimed = await inTransaction(deps.db, async (tx): Promise<Claimed | null> => {
    const [peek] = await tx.select({ userId: notificationEmails.userId }).from(notificationEmails).where(eq(notificationEmails.id, emailId));
    if (!peek) return null;
    // Window first, then the row: the digest job takes its locks in the same order.
    const closesAt = await lockWindow(tx, peek.userId);
    const [row] = await tx.select().from(notificationEmails).where(eq(notificationEmails.id, emailId)).for('update');
    if (!row || (row.status !== 'queued' && row.status !== 'sending')) return null;
    const to = await recipientOf(tx, row.userId);
    if (!to) return skip(tx, [row.id]).then(() => null);
    if (row.status === 'sending') return claim(deps, tx, to, [row], ctx); // a retry: same mail, same Message-ID
    const now = deps.clock.now();
    if (closesAt > now) {
      await tx.update(notificationEmails).set({ status: 'held' }).where(eq(notificationEmails.id, row.id));
      await deps.jobs.send(SEND_NOTIFICATION_DIGEST, { userId: row.userId }, { tx, singletonKey: row.userId, startAfter: closesAt });
      return null;
    }
    await tx.update(notificationEmailWindows)
      .set({ closesAt: new Date(now.getTime() + DIGEST_WINDOW_MS) })
      .where(eq(notificationEmailWindows.userId, row.userId));
    return claim(deps, tx, to, [row], ctx);
  });
  if (claimed) await deliver(deps, transport, claimed);
}

/**
 * Sends what is held for the user as one mail. It may run before the window closes (a queue told
 * to run scheduled jobs now, or clock skew between instances); it then just sends sooner.
 */
async function sendNotificationDigest(deps: AppDeps, transport: MailTransport, userId: string, ctx: JobContext) {
  const claimed = await inTransaction(deps.db, async (tx): Promise<Claimed | null> => {
    await lockWindow(tx, userId);
    const mine = await tx.select().from(notificationEmails)
      .where(and(eq(notificationEmails.userId, userId), eq(notificationEmails.status, 'sending'), eq(notificationEmails.jobId, ctx.jobId)))
      .orderBy(asc(notificationEmails.id)).for('update');
    const rows = mine.length > 0 ? mine : await tx.select().from(notificationEmails)
      .where(and(eq(notificationEmails.userId, userId), eq(notificationEmails.status, 'held')))
      .orderBy(asc(notificationEmails.id)).for('update');
    if (rows.length === 0) return null;
    const to = await recipientOf(tx, userId);
    if (!to) return skip(tx, rows.map((r) => r.id)).then(() => null);
    return claim(deps, tx, to, rows, ctx);
  });
  if (!claimed) return;
  await deliver(deps, transport, claimed);
  // Held while this job was retrying (its singletonKey kept them from booking another): not forgotten.
  await inTransaction(deps.db, async (tx) => {
    const closesAt = await lockWindow(tx, userId);
    const [left] = await tx.select({ id: notificationEmails.id }).from(notificationEmails)
      .where(and(eq(notificationEmails.userId, userId), eq(notificationEmails.status, 'held'))).limit(1);
    if (left) await deps.jobs.send(SEND_NOTIFICATION_DIGEST, { userId }, { tx, singletonKey: userId, startAfter: closesAt });
  });
}
