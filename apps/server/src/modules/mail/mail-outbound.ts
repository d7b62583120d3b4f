/*
 * Agent replies by email. The reply's transaction books the mail: a `mail_messages` row (`queued`,
 * with our Message-ID and the thread headers decided now) and its `send-ticket-email` job, so the
 * mail exists exactly when the reply does — once. The job composes and sends it (mail-outbound-send.ts).
 */
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { AppDeps } from '../../platform/context.js';
import type { Executor } from '../../platform/db/client.js';
import { invalidField } from '../../platform/http/app-error.js';
import { uuidv7 } from '../../platform/ids.js';
import { addressOf, newMessageId } from '../../platform/mail/index.js';
import { customerIdentities, customers } from '../customers/index.js';
import type { BlobStore } from '../../platform/storage/index.js';
import { onPublicReply, type PublicReply } from '../tickets/index.js';
import { defineMailOutboundJobs, SEND_TICKET_EMAIL, type OutboundTransports } from './mail-outbound-send.js';
import { mailboxFrom, referencesFor, replySubject } from './mail-templates.js';
import { mailboxes, mailMessages, ticketParticipants } from './mail.tables.js';

type MailboxRow = typeof mailboxes.$inferSelect;
type MailRow = typeof mailMessages.$inferSelect;

/** Every address that is us: mailbox addresses and the system From, lower-cased. */
export async function ourAddresses(deps: Pick<AppDeps, 'config'>, exec: Executor): Promise<string[]> {
  const rows = await exec.select({ address: mailboxes.address }).from(mailboxes);
  return [...new Set([...rows.map((r) => r.address.toLowerCase()), addressOf(deps.config.mailFrom).toLowerCase()])];
}

const stripBrackets = (id: string) => id.trim().replace(/^<|>$/g, '');

async function emailsOf(exec: Executor, customerIds: string[]) {
  if (customerIds.length === 0) return new Map<string, string[]>();
  const rows = await exec
    .select({ customerId: customerIdentities.customerId, email: customerIdentities.normalized })
    .from(customerIdentities)
    .where(and(inArray(customerIdentities.customerId, customerIds), eq(customerIdentities.kind, 'email')))
    .orderBy(asc(customerIdentities.position), asc(customerIdentities.id));
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.customerId, [...(out.get(r.customerId) ?? []), r.email]);
  return out;
}

/** The mailbox to answer from: the agent's choice, else the one the ticket's mail came through, else the default. */
async function chooseMailbox(exec: Executor, chosenId: string | undefined, history: MailRow[]): Promise<MailboxRow | null> {
  if (chosenId) {
    const [m] = await exec.select().from(mailboxes).where(eq(mailboxes.id, chosenId)).limit(1);
    if (!m || !m.active) throw invalidField('mailboxId', 'is not an active mailbox');
    return m;
  }
  const used = [...history.filter((h) => h.direction === 'in'), ...history].map((h) => h.mailboxId).filter((id): id is string => Boolean(id));
  if (used.length > 0) {
    const rows = await exec.select().from(mailboxes).where(and(inArray(mailboxes.id, [...new Set(used)]), eq(mailboxes.active, true)));
    const found = used.map((id) => rows.find((r) => r.id === id)).find(Boolean);
    if (found) return found;
  }
  const [fallback] = await exec.select().from(mailboxes).where(and(eq(mailboxes.isDefault, true), eq(mailboxes.active, true))).limit(1);
  return fallback ?? null;
}

/**
 * The public-reply hook (registered in app.ts): books the email for a staff reply on a ticket that
 * has an email conversation — an email ticket, one whose mail we have stored, or any ticket when
 * the agent picked a mailbox. Portal and chat conversations stay where they are.
 */
export async function queueTicketEmail(deps: AppDeps, tx: Executor, reply: PublicReply): Promise<void> {
  const t = reply.ticket;
  const history = await tx.select().from(mailMessages).where(eq(mailMessages.ticketId, t.id)).orderBy(desc(mailMessages.createdAt), desc(mailMessages.id)).limit(200);
  if (t.channel !== 'email' && history.length === 0 && !reply.mailboxId) return;

  const ours = new Set(await ourAddresses(deps, tx));
  const participants = await tx.select().from(ticketParticipants).where(eq(ticketParticipants.ticketId, t.id));
  const ccIds = participants.filter((p) => p.role === 'cc' && p.customerId !== t.requesterId).map((p) => p.customerId);
  const emails = await emailsOf(tx, [t.requesterId, ...ccIds]);
  const requesterEmails = emails.get(t.requesterId) ?? [];
  // Answer the address the requester last wrote from when it is theirs; else their first address.
  const lastFrom = history.find((h) => h.direction === 'in' && h.fromAddress && requesterEmails.includes(h.fromAddress.toLowerCase()))?.fromAddress;
  const to = (lastFrom ?? requesterEmails[0])?.toLowerCase();
  if (!to || ours.has(to)) {
    if (reply.mailboxId) throw invalidField('mailboxId', 'the requester has no email address to send to');
    return;
  }
  const mailbox = await chooseMailbox(tx, reply.mailboxId, history);
  const [requester] = await tx.select({ name: customers.name }).from(customers).where(eq(customers.id, t.requesterId)).limit(1);
  const ccNames = ccIds.length
    ? new Map((await tx.select({ id: customers.id, name: customers.name }).from(customers).where(inArray(customers.id, ccIds))).map((c) => [c.id, c.name]))
    : new Map<string, string>();
  const cc = [...new Map(ccIds.flatMap((id) => {
    const address = emails.get(id)?.[0];
    return address && address !== to && !ours.has(address) ? [[address, { address, name: ccNames.get(id) ?? null }] as const] : [];
  })).values()];

  // The reply answers the customer's latest mail; a thread we started answers our own latest.
  const parent = history.find((h) => h.direction === 'in' && h.messageId) ?? history.find((h) => h.messageId) ?? null;
  const from = mailbox ? mailboxFrom(mailbox) : deps.config.mailFrom;
  const now = deps.clock.now();
  const id = uuidv7(now.getTime());
  await tx.insert(mailMessages).values({
    id,
    mailboxId: mailbox?.id ?? null,
    ticketId: t.id,
    ticketMessageId: reply.messageId,
    direction: 'out',
    messageId: stripBrackets(newMessageId(mailbox?.address ?? from)),
    inReplyTo: parent?.messageId ? stripBrackets(parent.messageId) : null,
    references: referencesFor(parent ? { messageId: parent.messageId, references: parent.references } : null),
    fromAddress: addressOf(from).toLowerCase(),
    fromName: mailbox?.name ?? null,
    to: [{ address: to, name: requester?.name ?? null }],
    cc,
    subject: replySubject(t.subject, t.number),
    deliveryState: 'queued',
    createdAt: now,
  });
  await deps.jobs.send(SEND_TICKET_EMAIL, { mailMessageId: id, kind: 'reply' }, { tx });
}

/** Wires outbound email into an app: the send job, and staff replies booking their mail. */
export function registerMailOutbound(deps: AppDeps, blobs: BlobStore, transports?: OutboundTransports) {
  defineMailOutboundJobs(deps, blobs, transports);
  onPublicReply(queueTicketEmail);
}
