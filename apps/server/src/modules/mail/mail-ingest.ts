/*
 * One raw email → stored exactly once: a new ticket, a message on the ticket it answers, or a
 * flagged note for staff review. Order matters for "none lost, none duplicated":
 *   1. limits and parse (a malformed message is still stored, with its original attached);
 *   2. dedupe by Message-ID across mailboxes, else by content hash — a duplicate returns the
 *      record stored first and never opens a second ticket;
 *   3. raw .eml and attachment bytes into the blob store (immutable, content-addressed: a crash
 *      here leaves only unreferenced bytes); the raw write overlaps steps 1-4 and is awaited
 *      (fsynced) before the commit;
 *   4. ONE transaction: threading, customer, participants, ticket or message, attachments, the
 *      mail_messages row and the caller's progress (IMAP last_uid). A concurrent copy of the same
 *      message loses on the unique index and returns the winner's record.
 * Callers acknowledge (SMTP 250, IMAP \Seen) only after this resolves.
 */
import { createHash } from 'node:crypto';
import type { AppDeps } from '../../platform/context.js';
import type { Tx } from '../../platform/db/client.js';
import { isUniqueViolation } from '../../platform/db/errors.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { uuidv7 } from '../../platform/ids.js';
import { MailMalformedError, MailTooLargeError, contentHash, parseMail, type ParsedMail } from '../../platform/mail/parse/index.js';
import type { BlobStore } from '../../platform/storage/index.js';
import { cleanFilename, detectContentType, lockBlobs, SNIFF_BYTES } from '../attachments/index.js';
import { systemContext, type RequestContext } from '../auth/index.js';
import { findOrCreateCustomer } from '../customers/index.js';
import { addCustomerMessage, lockTicket, openTicketForCustomer, toSafeHtml } from '../tickets/index.js';
import * as repo from './mail-ingest.repository.js';
import { bareMessageId, findThread, threadIds, type ThreadMatch } from './mail-threading.js';
import { mailboxDirectory } from './mailbox-cache.js';
import { findMailbox, type MailboxRow } from './mailboxes.repository.js';

export interface MailDeps extends AppDeps {
  readonly blobs: BlobStore;
}

export interface IngestInput {
  mailboxId: string;
  raw: Buffer;
  /** The SMTP envelope, when the mail came through the listener. */
  envelope?: { mailFrom: string | null; rcptTo: string[] };
  /** IMAP position of this message: stored with it, in the same transaction. */
  progress?: { folder: string; uidValidity: number; uid: number };
}

export interface IngestResult {
  status: 'stored' | 'duplicate';
  mailMessageId: string;
  mailboxId: string;
  ticketId: string | null;
  ticketMessageId: string | null;
  ticketNumber: number | null;
  /** A new ticket was opened for this message. */
  createdTicket: boolean;
  /** The sender was not a participant of the ticket the message pointed to. */
  flagged: boolean;
  customerId: string | null;
  thread: ThreadMatch;
  /** The parsed message (absent for a duplicate, which was handled when first stored). */
  parsed?: ParsedMail;
  /** A delivery status notification matching one of our sent messages: no ticket message. */
  bounce: boolean;
}

/** Customers created from mail are recorded in the audit log as created by the email channel. */
const MAIL_CONTEXT: RequestContext = systemContext({
  userId: '00000000-0000-0000-0000-000000000000', email: 'mail@kefu.invalid', name: 'Kefu email', role: 'agent', userRole: 'agent',
  locale: 'zh-CN', customerId: null, via: 'session',
});

/** CC'd addresses a message may make participants; a header listing thousands is cut here. */
const MAX_CC_PARTICIPANTS = 50;
/** Attachment rows per message; the raw .eml keeps anything past it. */
const MAX_ATTACHMENTS = 200;
const SUBJECT_MAX = 500;

function duplicateOf(row: repo.MailMessageRow, ticketNumber: number | null = null): IngestResult {
  return {
    status: 'duplicate', mailMessageId: row.id, mailboxId: row.mailboxId ?? '', ticketId: row.ticketId, ticketMessageId: row.ticketMessageId,
    ticketNumber, createdTicket: false, flagged: row.flagged, customerId: null, thread: null, bounce: false,
  };
}

/** A message the parser could not read is still a customer's mail: stored, its original attached. */
function unreadable(raw: Buffer, reason: string): ParsedMail {
  const text = `This email could not be read (${reason}). The original message is attached.`;
  return {
    messageId: null, inReplyTo: null, references: [], subject: '(unreadable email)', from: null, replyTo: [], to: [], cc: [], date: null, headers: {},
    html: '', text, visibleText: text, bounce: null, autoReply: null, charsetProblems: [reason],
    attachments: [{ filename: 'original.eml', contentType: 'message/rfc822', content: raw, size: raw.length, contentId: null, inline: false }],
  };
}

async function parse(deps: MailDeps, raw: Buffer): Promise<ParsedMail> {
  try {
    return await parseMail(raw, { maxBytes: deps.config.mailMaxBytes });
  } catch (err) {
    if (err instanceof MailMalformedError) return unreadable(raw, err.message);
    throw err;
  }
}

interface StoredFile { id: string; sha256: string; size: number; contentType: string; filename: string; contentId: string | null }

async function storeFiles(deps: MailDeps, parsed: ParsedMail, now: Date): Promise<StoredFile[]> {
  const out: StoredFile[] = [];
  const list = parsed.attachments.slice(0, MAX_ATTACHMENTS);
  // A few writes at a time: parallel fsyncs overlap, a 10,000-part message does not open 10,000 files.
  for (let i = 0; i < list.length; i += 8) {
    const batch = await Promise.all(list.slice(i, i + 8).map(async (a) => {
      const stored = await deps.blobs.put(a.content, { maxBytes: deps.config.mailMaxBytes });
      const filename = cleanFilename(a.filename ?? '');
      return {
        id: uuidv7(now.getTime()), sha256: stored.sha256, size: stored.size, filename,
        contentType: detectContentType(a.content.subarray(0, SNIFF_BYTES), filename, a.content.length <= SNIFF_BYTES),
        contentId: a.contentId ? a.contentId.replace(/^<|>$/g, '').toLowerCase() : null,
      };
    }));
    out.push(...batch);
  }
  return out;
}

/** `src="cid:ID"` → the attachment's download URL (served only to who may see the ticket). */
function linkInlineImages(html: string, files: StoredFile[]): string {
  if (!html.includes('cid:')) return html;
  const byCid = new Map(files.filter((f) => f.contentId).map((f) => [f.contentId!, f.id]));
  return html.replace(/src="cid:([^"]*)"/gi, (whole, cid: string) => {
    const id = byCid.get(cid.replace(/^<|>$/g, '').toLowerCase());
    return id ? `src="/api/v1/attachments/${id}"` : whole;
  });
}

function body(parsed: ParsedMail, files: StoredFile[]) {
  const text = (parsed.visibleText || parsed.text || '').replace(/\u0000/g, '');
  const html = parsed.html ? linkInlineImages(parsed.html.replace(/\u0000/g, ''), files) : toSafeHtml(text || ' ').html;
  return { html: html || '<p></p>', text };
}

const cleanText = (s: string | null | undefined, max: number) => (s ?? '').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, ' ').trim().slice(0, max);

/** Stores one raw email; see the top of this file. Throws only when nothing was stored. */
export async function ingestRawMail(deps: MailDeps, input: IngestInput): Promise<IngestResult> {
  const directory = await mailboxDirectory(deps.db);
  // A mailbox this instance has not heard of yet (created a moment ago elsewhere) is read directly.
  const mailbox = directory.byId.get(input.mailboxId) ?? (await findMailbox(deps.db, input.mailboxId));
  if (!mailbox) throw new Error(`mailbox ${input.mailboxId} does not exist`);
  if (input.raw.length > deps.config.mailMaxBytes) throw new MailTooLargeError(input.raw.length, deps.config.mailMaxBytes);
  // The raw bytes are written (and fsynced) while the message is parsed and its rows written; the
  // transaction waits for them only before it commits (see keepBlobs). A duplicate wastes one
  // content-addressed write of bytes already stored, every new message saves the wait.
  const rawSha = createHash('sha256').update(input.raw).digest('hex');
  const rawStored = deps.blobs.put(input.raw, { maxBytes: deps.config.mailMaxBytes });
  rawStored.catch(() => undefined);
  const parsed = await parse(deps, input.raw);
  const messageId = bareMessageId(parsed.messageId);
  const hash = messageId ? null : contentHash(input.raw);
  // One round trip for both questions: is this message stored already, and which stored or sent
  // messages does it answer (threading). Read before the transaction: it sees the same committed
  // rows, and a copy stored concurrently still loses on the unique index below.
  const ids = threadIds(parsed);
  const known = await repo.findByMessageIds(deps.db, messageId ? [messageId, ...ids] : ids);
  const existing = messageId ? known.find((r) => r.messageId === messageId) : await repo.findByContentHash(deps.db, hash!);
  if (existing) return finishDuplicate(deps, input, existing);
  const threads = new Map(known.filter((r) => r.ticketId !== null).map((r) => [r.messageId!, r.ticketId!]));
  const now = deps.clock.now();
  const files = await storeFiles(deps, parsed, now);
  for (let attempt = 1; ; attempt++) {
    try {
      return await inTransaction(deps.db, async (tx) => {
        const result = await store(deps, tx, { input, mailbox, ours: directory.addresses, parsed, messageId, hash, rawSha, files, threads });
        await keepBlobs(deps, tx, { bytes: input.raw, sha256: rawSha, stored: rawStored }, files);
        return result;
      });
    } catch (err) {
      if (isUniqueViolation(err, 'mail_messages_message_id_key') || isUniqueViolation(err, 'mail_messages_content_hash_key')) {
        // The same message stored concurrently (two mailboxes, a retried SMTP session): theirs stands.
        const winner = messageId ? await repo.findByMessageId(deps.db, messageId) : await repo.findByContentHash(deps.db, hash!);
        if (winner) return finishDuplicate(deps, input, winner);
      }
      // Two first messages from one new address race to create the customer: the loser retries and finds it.
      if (attempt < 3 && isUniqueViolation(err)) continue;
      throw err;
    }
  }
}

async function finishDuplicate(deps: MailDeps, input: IngestInput, row: repo.MailMessageRow): Promise<IngestResult> {
  const progress = input.progress;
  if (progress) await repo.advanceSync(deps.db, { mailboxId: input.mailboxId, ...progress }, deps.clock.now());
  return duplicateOf(row);
}

interface StoreArgs {
  input: IngestInput;
  mailbox: MailboxRow;
  /** Every mailbox address. */
  ours: Set<string>;
  parsed: ParsedMail;
  messageId: string | null;
  hash: string | null;
  rawSha: string;
  files: StoredFile[];
  /** Ticket of each stored or sent Message-ID this message refers to. */
  threads: Map<string, string>;
}

async function store(deps: MailDeps, tx: Tx, a: StoreArgs): Promise<IngestResult> {
  const { parsed, mailbox, input, ours } = a;
  const now = deps.clock.now();
  const fromAddress = (parsed.from?.address || input.envelope?.mailFrom || '').toLowerCase() || null;
  const fromName = cleanText(parsed.from?.name, 200) || (fromAddress ? fromAddress.split('@')[0]! : '');
  const subject = cleanText(parsed.subject, SUBJECT_MAX) || '(no subject)';
  const mailRow = {
    id: uuidv7(now.getTime()), mailboxId: mailbox.id, direction: 'in' as const, messageId: a.messageId, contentHash: a.hash,
    inReplyTo: bareMessageId(parsed.inReplyTo), references: parsed.references.map(bareMessageId).filter((x): x is string => x !== null).slice(-100),
    fromAddress, fromName: fromName || null, to: parsed.to.slice(0, 100).map((x) => ({ address: x.address, name: x.name || null })),
    cc: parsed.cc.slice(0, 100).map((x) => ({ address: x.address, name: x.name || null })), subject, rawBlobKey: a.rawSha, rawSize: input.raw.length,
    deliveryState: 'received' as const, createdAt: now,
  };
  const thread = await findThread(tx, { inReplyTo: parsed.inReplyTo, references: parsed.references, subject }, a.threads);
  const base = { status: 'stored' as const, mailMessageId: mailRow.id, mailboxId: mailbox.id, thread, parsed };

  // A DSN is stored (with its raw) and handed to recordBounce, never a customer message or ticket:
  // one about a mail we sent is filed on that ticket; any other (a forged or stray report from
  // MAILER-DAEMON) on none, so it cannot open a ticket or draw an auto-reply.
  if (parsed.bounce) {
    const original = bareMessageId(parsed.bounce.originalMessageId);
    const bounceOf = original ? await repo.findByMessageId(tx, original) : undefined;
    const ticketId = bounceOf?.direction === 'out' ? bounceOf.ticketId : null;
    await repo.insertMailMessage(tx, { ...mailRow, ticketId });
    if (input.progress) await repo.advanceSync(tx, { mailboxId: mailbox.id, ...input.progress }, now);
    return { ...base, ticketId, ticketMessageId: null, ticketNumber: null, createdTicket: false, flagged: false, customerId: null, bounce: true };
  }

  const sender = await findOrCreateCustomer(deps, tx, MAIL_CONTEXT, fromAddress && !ours.has(fromAddress)
    ? { name: fromName || fromAddress, email: fromAddress }
    : { name: fromName || 'Unknown sender' });
  const content = body(parsed, a.files);
  let ticket = thread ? await lockTicket(tx, thread.ticketId) : undefined;
  let flagged = false;
  let placed: { ticketId: string; ticketNumber: number; messageId: string; created: boolean } | null = null;
  if (ticket) {
    const participant = ticket.requesterId === sender.id || (await repo.isParticipant(tx, ticket.id, sender.id));
    if (!participant) {
      // Never into another customer's conversation: a note staff review, or a ticket of the sender's own.
      flagged = true;
      if (mailbox.unknownSenderPolicy === 'flagged_note') {
        const added = await addCustomerMessage(deps, tx, ticket, {
          authorCustomerId: sender.id, authorName: fromAddress ? `${sender.name} <${fromAddress}>` : sender.name, internal: true, channel: 'email', ...content,
        });
        if (added) placed = { ticketId: ticket.id, ticketNumber: ticket.number, messageId: added.messageId, created: false };
      }
      ticket = undefined;
    } else {
      const added = await addCustomerMessage(deps, tx, ticket, { authorCustomerId: sender.id, authorName: sender.name, internal: false, channel: 'email', ...content });
      if (added) placed = { ticketId: ticket.id, ticketNumber: ticket.number, messageId: added.messageId, created: false };
      else ticket = undefined;
    }
  }
  if (!placed) {
    const opened = await openTicketForCustomer(deps, tx, {
      subject, channel: 'email', requester: { id: sender.id, name: sender.name, organizationId: sender.organizationId }, teamId: mailbox.teamId, message: content,
    });
    await repo.addParticipants(tx, opened.ticket.id, [{ customerId: sender.id, role: 'requester' }], now);
    placed = { ticketId: opened.ticket.id, ticketNumber: opened.ticket.number, messageId: opened.messageId, created: true };
    ticket = opened.ticket;
  }
  // CC'd people join the conversation only when the message itself is part of it (not a flagged note).
  if (ticket) await addCcParticipants(deps, tx, placed.ticketId, [...parsed.to, ...parsed.cc], new Set([...ours, fromAddress ?? '']), now);
  await repo.insertMailAttachments(tx, a.files.map((f) => ({
    id: f.id, sha256: f.sha256, size: f.size, contentType: f.contentType, claimedType: '', filename: f.filename,
    ticketId: placed.ticketId, messageId: placed.messageId, uploadedByCustomerId: sender.id, createdAt: now,
  })));
  await repo.insertMailMessage(tx, { ...mailRow, ticketId: placed.ticketId, ticketMessageId: placed.messageId, flagged });
  if (input.progress) await repo.advanceSync(tx, { mailboxId: mailbox.id, ...input.progress }, now);
  return {
    ...base, ticketId: placed.ticketId, ticketMessageId: placed.messageId, ticketNumber: placed.ticketNumber, createdTicket: placed.created, flagged,
    customerId: sender.id, bounce: false,
  };
}

/**
 * The last step before commit: the raw write has finished (fsynced), and under the blobs' locks
 * (the stale-upload sweep deletes a blob under the same lock once no row points at it) bytes that
 * were found already stored and deleted since are put back, so the committed rows never point at
 * nothing. The lock is held from here to the commit only.
 */
async function keepBlobs(deps: MailDeps, tx: Tx, raw: { bytes: Buffer; sha256: string; stored: Promise<{ sha256: string }> }, files: StoredFile[]) {
  if ((await raw.stored).sha256 !== raw.sha256) throw new Error('the raw message changed while it was stored');
  await lockBlobs(tx, [raw.sha256, ...files.map((f) => f.sha256)]);
  if (!(await deps.blobs.has(raw.sha256))) await deps.blobs.put(raw.bytes, { maxBytes: deps.config.mailMaxBytes });
  for (const f of files) {
    if (!(await deps.blobs.has(f.sha256))) throw new Error(`attachment bytes ${f.sha256} were removed while the message was stored; retry`);
  }
}

async function addCcParticipants(deps: MailDeps, tx: Tx, ticketId: string, people: { address: string; name: string }[], skip: Set<string>, now: Date) {
  const seen = new Set<string>();
  const rows: { customerId: string; role: 'cc' }[] = [];
  for (const p of people) {
    const address = p.address.toLowerCase();
    if (!address.includes('@') || skip.has(address) || seen.has(address) || address.length > 254) continue;
    seen.add(address);
    if (seen.size > MAX_CC_PARTICIPANTS) break;
    const c = await findOrCreateCustomer(deps, tx, MAIL_CONTEXT, { name: cleanText(p.name, 200) || address, email: address });
    rows.push({ customerId: c.id, role: 'cc' });
  }
  await repo.addParticipants(tx, ticketId, rows, now);
}
