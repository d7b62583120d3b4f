/*
 * The acknowledgment of a new ticket opened by email (when the mailbox has it on), in the
 * customer's language from the mailbox's template. Called by the ingest pipeline after its commit:
 * the customer's mail is safe whatever happens here. The rules (mail-auto-reply-rules.ts) keep it
 * from answering robots, lists and loops; the per-sender hourly limit is counted in the database
 * under an advisory lock per address, so several instances ingesting a storm at once still send
 * at most N.
 */
import { and, count, eq, gt, sql } from 'drizzle-orm';
import { defaultAutoReplyTemplates } from '@kefu/contracts';
import type { AppDeps } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { uuidv7 } from '../../platform/ids.js';
import { newMessageId } from '../../platform/mail/index.js';
import { customers } from '../customers/index.js';
import { tickets } from '../tickets/index.js';
import { shouldAutoReply, type AutoReplyDecision } from './mail-auto-reply-rules.js';
import { SEND_TICKET_EMAIL } from './mail-outbound-send.js';
import { mailAutoReplies } from './mail-outbound.tables.js';
import { ourAddresses } from './mail-outbound.js';
import { composeAcknowledgment, referencesFor } from './mail-templates.js';
import { mailboxes, mailMessages } from './mail.tables.js';

const HOUR_MS = 3_600_000;

/** What the ingest pipeline reports about one stored mail (its IngestResult has this shape). */
export interface InboundMailOutcome {
  status: 'stored' | 'duplicate';
  mailboxId: string;
  ticketId: string | null;
  createdTicket: boolean;
  customerId: string | null;
  bounce: boolean;
  parsed?: {
    messageId: string | null;
    references: string[];
    headers: Readonly<Record<string, unknown>>;
    from: { address: string; name?: string | null } | null;
    subject?: string;
    autoReply?: string | null;
    bounce: unknown;
  } | undefined;
}

const bare = (id: string) => id.trim().replace(/^<+|>+$/g, '');

/** The ingest pipeline's after-commit hook; returns what it decided (tests and logs read it). */
export async function afterInboundMail(deps: AppDeps, result: InboundMailOutcome): Promise<AutoReplyDecision | null> {
  const parsed = result.parsed;
  // Only a new conversation is acknowledged; a bounce never is, nor a duplicate delivery.
  if (result.status !== 'stored' || !result.createdTicket || result.bounce || !parsed || parsed.bounce || !result.ticketId) return null;
  const [mailbox] = await deps.db.select().from(mailboxes).where(eq(mailboxes.id, result.mailboxId)).limit(1);
  if (!mailbox?.active || !mailbox.autoReplyEnabled) return null;
  const ticketId = result.ticketId;
  const decision = await inTransaction(deps.db, async (tx): Promise<AutoReplyDecision> => {
    const sender = parsed.from?.address?.trim().toLowerCase() ?? '';
    if (sender) await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`kefu-auto-reply:${sender}`}, 0))`);
    const now = deps.clock.now();
    const [recent] = sender
      ? await tx.select({ n: count() }).from(mailAutoReplies)
          .where(and(eq(mailAutoReplies.recipient, sender), gt(mailAutoReplies.createdAt, new Date(now.getTime() - HOUR_MS))))
      : [{ n: 0 }];
    const verdict = shouldAutoReply(parsed, await ourAddresses(deps, tx), recent?.n ?? 0, deps.config.autoRepliesPerHour);
    if (!verdict.reply) return verdict;

    const [t] = await tx.select({ number: tickets.number, subject: tickets.subject, requesterId: tickets.requesterId }).from(tickets).where(eq(tickets.id, ticketId));
    if (!t) return { reply: false, reason: 'no_sender' };
    const [customer] = await tx.select({ name: customers.name, locale: customers.locale }).from(customers).where(eq(customers.id, result.customerId ?? t.requesterId));
    const templates = mailbox.autoReplyTemplates ?? defaultAutoReplyTemplates;
    const { subject } = composeAcknowledgment(templates[customer?.locale ?? 'zh-CN'], {
      'ticket.number': String(t.number), 'ticket.subject': t.subject, 'customer.name': customer?.name ?? '',
    });
    const id = uuidv7(now.getTime());
    const theirs = parsed.messageId ? bare(parsed.messageId) : null;
    await tx.insert(mailMessages).values({
      id, mailboxId: mailbox.id, ticketId, ticketMessageId: null, direction: 'out',
      messageId: bare(newMessageId(mailbox.address)),
      inReplyTo: theirs,
      references: referencesFor(theirs ? { messageId: theirs, references: parsed.references.map(bare) } : null),
      fromAddress: mailbox.address, fromName: mailbox.name,
      to: [{ address: verdict.to, name: customer?.name ?? parsed.from?.name ?? null }],
      subject, deliveryState: 'queued', createdAt: now,
    });
    await tx.insert(mailAutoReplies).values({ id: uuidv7(now.getTime()), mailboxId: mailbox.id, recipient: verdict.to, ticketId, mailMessageId: id, createdAt: now });
    await deps.jobs.send(SEND_TICKET_EMAIL, { mailMessageId: id, kind: 'acknowledgment' }, { tx });
    return verdict;
  });
  if (!decision.reply) deps.log.debug({ ticketId, reason: decision.reason }, 'no automatic acknowledgment');
  return decision;
}
