import { sql } from 'drizzle-orm';
import { bigint, check, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id } from '../../platform/db/columns.js';
import { customers } from '../customers/customers.tables.js';
import { ticketMessages, tickets } from '../tickets/tickets.tables.js';
import { users } from '../users/users.tables.js';

/**
 * A file uploaded for a message. The bytes live in the blob store under `sha256` (shared by
 * identical uploads); until `message_id` is set the upload belongs only to its uploader.
 */
export const attachments = pgTable(
  'attachments',
  {
    id: id(),
    sha256: text('sha256').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    /** Detected from the bytes; the only type the download is ever served as (or safer). */
    contentType: text('content_type').notNull(),
    /** What the uploader's browser said, kept for support and never trusted. */
    claimedType: text('claimed_type').notNull().default(''),
    filename: text('filename').notNull(),
    ticketId: uuid('ticket_id').references(() => tickets.id, { onDelete: 'cascade' }),
    messageId: uuid('message_id').references(() => ticketMessages.id, { onDelete: 'cascade' }),
    uploadedByUserId: uuid('uploaded_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    uploadedByCustomerId: uuid('uploaded_by_customer_id').references(() => customers.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    index('attachments_message_idx').on(t.messageId),
    index('attachments_sha256_idx').on(t.sha256),
    check('attachments_sha256_check', sql`${t.sha256} ~ '^[0-9a-f]{64}$'`),
    check('attachments_size_check', sql`${t.size} >= 0`),
    check('attachments_linked_check', sql`(${t.ticketId} is null) = (${t.messageId} is null)`),
  ],
);
