import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { AutoReply, EmailAddress } from '@kefu/contracts';
import { at, createdAt, id, updatedAt } from '../../platform/db/columns.js';
import { customers } from '../customers/customers.tables.js';
import { teams } from '../teams/teams.tables.js';
import { ticketMessages, tickets } from '../tickets/tickets.tables.js';

/**
 * A mailbox (邮箱): an address customers write to. Passwords are AES-256-GCM ciphertext
 * (mail-secrets.ts), never returned by the API.
 */
export const mailboxes = pgTable(
  'mailboxes',
  {
    id: id(),
    name: text('name').notNull(),
    /** Lower-cased; the SMTP listener routes RCPT TO by it. */
    address: text('address').notNull(),
    active: boolean('active').notNull().default(true),
    isDefault: boolean('is_default').notNull().default(false),
    imapHost: text('imap_host'),
    imapPort: integer('imap_port'),
    imapTls: boolean('imap_tls').notNull().default(true),
    imapUser: text('imap_user'),
    imapPasswordEnc: text('imap_password_enc'),
    imapFolder: text('imap_folder').notNull().default('INBOX'),
    pollIntervalSeconds: integer('poll_interval_seconds').notNull().default(60),
    smtpHost: text('smtp_host'),
    smtpPort: integer('smtp_port'),
    smtpSecure: boolean('smtp_secure').notNull().default(false),
    smtpUser: text('smtp_user'),
    smtpPasswordEnc: text('smtp_password_enc'),
    smtpFrom: text('smtp_from'),
    autoReplyEnabled: boolean('auto_reply_enabled').notNull().default(false),
    autoReplyTemplates: jsonb('auto_reply_templates').$type<AutoReply['templates']>(),
    unknownSenderPolicy: text('unknown_sender_policy', { enum: ['new_ticket', 'flagged_note'] }).notNull().default('new_ticket'),
    teamId: uuid('team_id').references(() => teams.id, { onDelete: 'set null' }),
    /** When the poller may look at this mailbox next: the sweep's due column. */
    nextPollAt: at('next_poll_at'),
    lastPollAt: at('last_poll_at'),
    lastPollError: text('last_poll_error'),
    lastPollCount: integer('last_poll_count'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('mailboxes_address_key').on(t.address),
    // At most one default mailbox: agent replies without a chosen mailbox go out from it.
    uniqueIndex('mailboxes_default_key').on(t.isDefault).where(sql`${t.isDefault}`),
    index('mailboxes_poll_idx').on(t.nextPollAt).where(sql`${t.imapHost} is not null and ${t.active}`),
    check('mailboxes_policy_check', sql`${t.unknownSenderPolicy} in ('new_ticket','flagged_note')`),
    check('mailboxes_poll_interval_check', sql`${t.pollIntervalSeconds} >= 1`),
  ],
);

/**
 * One email that came in or went out, linked to the ticket message it became. The raw .eml is in
 * the blob store under `raw_blob_key`. Message-IDs are unique across mailboxes, so the same mail
 * delivered to two of our addresses is stored once; mail without one is deduplicated by content hash.
 */
export const mailMessages = pgTable(
  'mail_messages',
  {
    id: id(),
    mailboxId: uuid('mailbox_id').references(() => mailboxes.id, { onDelete: 'set null' }),
    ticketId: uuid('ticket_id').references(() => tickets.id, { onDelete: 'cascade' }),
    ticketMessageId: uuid('ticket_message_id').references(() => ticketMessages.id, { onDelete: 'set null' }),
    direction: text('direction', { enum: ['in', 'out'] }).notNull(),
    /** As the header had it, without angle brackets; case-sensitive (RFC 5322 local part). */
    messageId: text('message_id'),
    contentHash: text('content_hash'),
    inReplyTo: text('in_reply_to'),
    references: text('references').array().notNull().default(sql`'{}'::text[]`),
    fromAddress: text('from_address'),
    fromName: text('from_name'),
    to: jsonb('to').$type<EmailAddress[]>().notNull().default(sql`'[]'::jsonb`),
    cc: jsonb('cc').$type<EmailAddress[]>().notNull().default(sql`'[]'::jsonb`),
    subject: text('subject').notNull().default(''),
    rawBlobKey: text('raw_blob_key'),
    rawSize: bigint('raw_size', { mode: 'number' }).notNull().default(0),
    /** The sender is not a participant of the ticket the message pointed to. */
    flagged: boolean('flagged').notNull().default(false),
    deliveryState: text('delivery_state', { enum: ['received', 'queued', 'sent', 'failed'] }).notNull().default('received'),
    deliveryError: text('delivery_error'),
    deliveryAttempts: integer('delivery_attempts').notNull().default(0),
    sentAt: at('sent_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('mail_messages_message_id_key').on(t.messageId).where(sql`${t.messageId} is not null`),
    uniqueIndex('mail_messages_content_hash_key').on(t.contentHash).where(sql`${t.messageId} is null and ${t.contentHash} is not null`),
    index('mail_messages_ticket_idx').on(t.ticketId, t.createdAt),
    index('mail_messages_ticket_message_idx').on(t.ticketMessageId),
    // The stale-upload sweep asks whether a blob is still some mail's raw before deleting it.
    index('mail_messages_raw_blob_idx').on(t.rawBlobKey),
    index('mail_messages_delivery_idx').on(t.deliveryState).where(sql`${t.deliveryState} in ('queued','failed')`),
    check('mail_messages_direction_check', sql`${t.direction} in ('in','out')`),
    check('mail_messages_delivery_check', sql`${t.deliveryState} in ('received','queued','sent','failed')`),
    check('mail_messages_identity_check', sql`${t.messageId} is not null or ${t.contentHash} is not null or ${t.direction} = 'out'`),
  ],
);

/** IMAP progress per mailbox folder: UIDs up to `last_uid` under `uid_validity` are stored. */
export const mailSyncState = pgTable(
  'mail_sync_state',
  {
    mailboxId: uuid('mailbox_id').notNull().references(() => mailboxes.id, { onDelete: 'cascade' }),
    folder: text('folder').notNull(),
    uidValidity: bigint('uid_validity', { mode: 'number' }).notNull(),
    lastUid: bigint('last_uid', { mode: 'number' }).notNull().default(0),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.mailboxId, t.folder] })],
);

/** Who takes part in a ticket's email thread besides staff: the requester and CC'd customers. */
export const ticketParticipants = pgTable(
  'ticket_participants',
  {
    ticketId: uuid('ticket_id').notNull().references(() => tickets.id, { onDelete: 'cascade' }),
    customerId: uuid('customer_id').notNull().references(() => customers.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['requester', 'cc'] }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.ticketId, t.customerId] }),
    index('ticket_participants_customer_idx').on(t.customerId),
    check('ticket_participants_role_check', sql`${t.role} in ('requester','cc')`),
  ],
);
