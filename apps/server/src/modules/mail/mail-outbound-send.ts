/*
 * The `send-ticket-email` job: composes a queued mail (an agent's reply or an acknowledgment) and
 * sends it from its mailbox's own SMTP account, else the global transport (SMTP, or the outbox of a
 * zero-setup install). The row's `delivery_state` is the truth the conversation shows: `queued`
 * until the server accepted the mail (`sent`, with `sent_at`), `failed` with the server's words
 * after a 5xx answer or the last retry. Delivery is at least once: a crash between the server's
 * "250 OK" and marking the row may send the same mail again — with the same Message-ID, which
 * receiving systems and our own ingest deduplicate by.
 */
import { Readable } from 'node:stream';
import { and, asc, desc, eq, isNotNull, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { defaultAutoReplyTemplates, type Locale } from '@kefu/contracts';
import type { AppDeps } from '../../platform/context.js';
import type { Executor } from '../../platform/db/client.js';
import { inTransaction } from '../../platform/db/transaction.js';
import type { JobContext, JobOptions } from '../../platform/jobs/index.js';
import { sendFailureOf, smtpTransport, type MailAttachment, type MailTransport, type OutboundMail } from '../../platform/mail/index.js';
import type { BlobStore } from '../../platform/storage/index.js';
import { attachments } from '../attachments/index.js';
import { customers } from '../customers/index.js';
import { openMailTransport } from '../outbox/index.js';
import { notifyUsers, ticketMessages, tickets } from '../tickets/index.js';
import { decryptSecret, secretKey } from './mail-secrets.js';
import { bracketed, composeAcknowledgment, composeReply, mailboxFrom, type QuotedMessage } from './mail-templates.js';
import { mailboxes, mailMessages } from './mail.tables.js';

export const SEND_TICKET_EMAIL = 'send-ticket-email';
const payload = z.object({ mailMessageId: z.uuid(), kind: z.enum(['reply', 'acknowledgment']) });
export type SendTicketEmailPayload = z.infer<typeof payload>;

/** A mail server down for a few hours still gets the reply: backoff from 30 s over eight tries (~2 h). */
export const SEND_TICKET_EMAIL_OPTIONS = { retryLimit: 8, retryDelaySeconds: 30, retryBackoff: true } satisfies JobOptions;

/** Notification kind for a reply the customer did not get (a DSN, a 5xx, or retries exhausted). */
export const EMAIL_BOUNCED = 'email.bounced';

type MailRow = typeof mailMessages.$inferSelect;
type MailboxRow = typeof mailboxes.$inferSelect;

export interface OutboundTransports {
  /** The transport for mail from `mailbox`; closed after each send. */
  forMailbox(mailbox: MailboxRow | null): MailTransport;
}

/** A mailbox with its own SMTP account sends through it; the rest share the global transport. */
export function mailboxTransports(deps: AppDeps, global: MailTransport = openMailTransport(deps)): OutboundTransports {
  return {
    forMailbox(mailbox) {
      if (!mailbox?.smtpHost) return { ...global, close: async () => {} };
      return smtpTransport({
        host: mailbox.smtpHost,
        port: mailbox.smtpPort ?? 587,
        secure: mailbox.smtpSecure,
        user: mailbox.smtpUser,
        password: mailbox.smtpPasswordEnc ? decryptSecret(secretKey(deps.config), mailbox.smtpPasswordEnc) : null,
      });
    },
  };
}

export function defineMailOutboundJobs(deps: AppDeps, blobs: BlobStore, transports: OutboundTransports = mailboxTransports(deps)) {
  deps.jobs.defineJob(SEND_TICKET_EMAIL, payload, (p, ctx) => sendTicketEmail(deps, blobs, transports, p, ctx), SEND_TICKET_EMAIL_OPTIONS);
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c as Uint8Array));
  return Buffer.concat(chunks);
}

/** The customer's message the reply answers: their latest public one before it. */
async function quotedBefore(exec: Executor, ticketId: string, replyId: string): Promise<QuotedMessage | null> {
  const [m] = await exec
    .select({ id: ticketMessages.id, authorName: ticketMessages.authorName, text: ticketMessages.bodyText, at: ticketMessages.createdAt })
    .from(ticketMessages)
    .where(and(eq(ticketMessages.ticketId, ticketId), isNotNull(ticketMessages.authorCustomerId), eq(ticketMessages.internal, false), lt(ticketMessages.id, replyId)))
    .orderBy(desc(ticketMessages.id))
    .limit(1);
  if (!m) return null;
  const [mail] = await exec.select({ from: mailMessages.fromAddress }).from(mailMessages)
    .where(and(eq(mailMessages.ticketMessageId, m.id), eq(mailMessages.direction, 'in'))).limit(1);
  return { authorName: m.authorName, authorAddress: mail?.from ?? null, at: m.at, text: m.text };
}

/** The mail as it goes on the wire, from the row and what it points to; null when it can no longer be sent. */
async function compose(deps: AppDeps, blobs: BlobStore, row: MailRow, kind: SendTicketEmailPayload['kind'], mailbox: MailboxRow | null): Promise<OutboundMail | null> {
  const to = row.to[0];
  if (!to || !row.ticketId) return null;
  const [t] = await deps.db.select({ number: tickets.number, subject: tickets.subject, requesterId: tickets.requesterId }).from(tickets).where(eq(tickets.id, row.ticketId));
  if (!t) return null;
  const [customer] = await deps.db.select({ name: customers.name, locale: customers.locale }).from(customers).where(eq(customers.id, t.requesterId));
  const locale: Locale = customer?.locale ?? 'zh-CN';
  const loopAddress = mailbox?.address ?? row.fromAddress ?? '';
  const thread: Record<string, string> = {
    'Message-ID': bracketed(row.messageId!),
    ...(row.inReplyTo ? { 'In-Reply-To': bracketed(row.inReplyTo) } : {}),
    ...(row.references.length ? { References: row.references.map(bracketed).join(' ') } : {}),
    // RFC 3834 §5: any system that sees its own address here knows the mail went round in a loop.
    ...(loopAddress ? { 'X-Loop': loopAddress } : {}),
    'X-Kefu-Ticket': String(t.number),
  };
  const from = mailbox ? mailboxFrom(mailbox) : deps.config.mailFrom;
  const base = { from, to: to.address, toName: to.name ?? undefined, subject: row.subject, cc: row.cc };

  if (kind === 'acknowledgment') {
    const templates = mailbox?.autoReplyTemplates ?? defaultAutoReplyTemplates;
    const body = composeAcknowledgment(templates[locale], {
      'ticket.number': String(t.number), 'ticket.subject': t.subject, 'customer.name': customer?.name ?? '',
    });
    return {
      ...base, kind: 'mail.acknowledgment', text: body.text, html: body.html,
      headers: { ...thread, 'Auto-Submitted': 'auto-replied', Precedence: 'auto_reply' },
    };
  }

  if (!row.ticketMessageId) return null;
  const [m] = await deps.db.select().from(ticketMessages).where(eq(ticketMessages.id, row.ticketMessageId));
  if (!m) return null;
  const files = await deps.db.select().from(attachments).where(eq(attachments.messageId, m.id)).orderBy(asc(attachments.id));
  const attached: MailAttachment[] = [];
  for (const f of files) attached.push({ filename: f.filename, contentType: f.contentType, content: await readAll(await blobs.get(f.sha256)) });
  const body = composeReply({
    locale,
    customerName: to.name ?? customer?.name ?? '',
    agentName: m.authorName,
    mailboxName: mailbox?.name ?? '',
    ticketNumber: t.number,
    html: m.bodyHtml,
    text: m.bodyText,
    quoted: await quotedBefore(deps.db, row.ticketId, m.id),
  });
  return { ...base, kind: 'mail.reply', text: body.text, html: body.html, attachments: attached, headers: { ...thread, 'Auto-Submitted': 'no' } };
}

/** Tells whoever owns the ticket (else the reply's author) that the customer did not get the mail. */
export async function notifyUndelivered(deps: AppDeps, tx: Executor, row: MailRow, reason: string) {
  if (!row.ticketId) return;
  const [t] = await tx.select({ id: tickets.id, number: tickets.number, subject: tickets.subject, assigneeId: tickets.assigneeId }).from(tickets).where(eq(tickets.id, row.ticketId));
  if (!t) return;
  let userId = t.assigneeId;
  if (!userId && row.ticketMessageId) {
    const [m] = await tx.select({ author: ticketMessages.authorUserId }).from(ticketMessages).where(eq(ticketMessages.id, row.ticketMessageId));
    userId = m?.author ?? null;
  }
  if (!userId) return;
  await notifyUsers(deps, tx, null, [userId], EMAIL_BOUNCED, t.id, {
    number: t.number, subject: t.subject, recipient: row.to[0]?.address ?? '', reason: reason.slice(0, 500), messageId: row.ticketMessageId,
  });
}

async function markFailed(deps: AppDeps, id: string, reason: string) {
  await inTransaction(deps.db, async (tx) => {
    const [row] = await tx.update(mailMessages)
      .set({ deliveryState: 'failed', deliveryError: reason, deliveryAttempts: sql`${mailMessages.deliveryAttempts} + 1` })
      .where(and(eq(mailMessages.id, id), eq(mailMessages.deliveryState, 'queued')))
      .returning();
    if (row) await notifyUndelivered(deps, tx, row, reason);
  });
}

async function sendTicketEmail(deps: AppDeps, blobs: BlobStore, transports: OutboundTransports, p: SendTicketEmailPayload, ctx: JobContext) {
  const [row] = await deps.db.select().from(mailMessages).where(eq(mailMessages.id, p.mailMessageId));
  // Sent already (a repeated job) or failed by a bounce: nothing to do.
  if (!row || row.direction !== 'out' || row.deliveryState !== 'queued') return;
  const [mailbox] = row.mailboxId ? await deps.db.select().from(mailboxes).where(eq(mailboxes.id, row.mailboxId)) : [];
  let transport: MailTransport | undefined;
  try {
    const mail = await compose(deps, blobs, row, p.kind, mailbox ?? null);
    if (!mail) return markFailed(deps, row.id, 'The ticket or the message this mail belongs to no longer exists');
    transport = transports.forMailbox(mailbox ?? null);
    const sent = transport;
    const markSent = (exec: Executor) => exec.update(mailMessages)
      .set({ deliveryState: 'sent', sentAt: deps.clock.now(), deliveryError: null, deliveryAttempts: sql`${mailMessages.deliveryAttempts} + 1` })
      .where(and(eq(mailMessages.id, row.id), eq(mailMessages.deliveryState, 'queued')));
    if (sent.joinsTransactions) await inTransaction(deps.db, async (tx) => { await sent.send(mail, { tx }); await markSent(tx); });
    // The network call stays outside any transaction: on PGlite an open one holds the whole database.
    else { await sent.send(mail); await markSent(deps.db); }
  } catch (err) {
    const failure = sendFailureOf(err);
    const last = ctx.attempt > SEND_TICKET_EMAIL_OPTIONS.retryLimit;
    if (failure.permanent || last) return markFailed(deps, row.id, failure.reason);
    await deps.db.update(mailMessages)
      .set({ deliveryError: failure.reason, deliveryAttempts: sql`${mailMessages.deliveryAttempts} + 1` })
      .where(and(eq(mailMessages.id, row.id), eq(mailMessages.deliveryState, 'queued')));
    throw err;
  } finally {
    await transport?.close().catch(() => {});
  }
}
