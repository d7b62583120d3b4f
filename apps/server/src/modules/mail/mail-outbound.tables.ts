import { index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id } from '../../platform/db/columns.js';
import { tickets } from '../tickets/tickets.tables.js';
import { mailboxes, mailMessages } from './mail.tables.js';

/**
 * Every automatic acknowledgment we sent, by recipient: RFC 3834 asks for a limit per sender, and
 * counting rows here (under a per-sender advisory lock) keeps that limit across app instances.
 * Rows older than the window are only history; nothing reads them after an hour.
 */
export const mailAutoReplies = pgTable(
  'mail_auto_replies',
  {
    id: id(),
    mailboxId: uuid('mailbox_id').references(() => mailboxes.id, { onDelete: 'set null' }),
    /** The address the acknowledgment went to, lower-cased. */
    recipient: text('recipient').notNull(),
    ticketId: uuid('ticket_id').references(() => tickets.id, { onDelete: 'set null' }),
    mailMessageId: uuid('mail_message_id').references(() => mailMessages.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('mail_auto_replies_recipient_idx').on(t.recipient, t.createdAt)],
);
