import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt, id } from '../../platform/db/columns.js';

/**
 * Mail kept instead of sent when no SMTP server is configured (KEFU_SMTP_URL), so a default install
 * works end to end and an admin can read what would have gone out. Rows are never changed.
 */
export const outboxMessages = pgTable(
  'outbox_messages',
  {
    id: id(),
    kind: text('kind').notNull(),
    /** The recipient's address, lower-cased. */
    to: text('to').notNull(),
    from: text('from').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    html: text('html'),
    headers: jsonb('headers').$type<Record<string, string>>().notNull().default(sql`'{}'::jsonb`),
    createdAt: createdAt(),
  },
  (t) => [index('outbox_messages_to_idx').on(t.to, t.id)],
);
