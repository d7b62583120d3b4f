import { sql } from 'drizzle-orm';
import { boolean, check, index, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { at, createdAt, id, updatedAt } from '../../platform/db/columns.js';
import { users } from '../users/users.tables.js';

/** A user's choice per notification kind; a kind without a row uses the default (contracts). */
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    inApp: boolean('in_app').notNull(),
    email: boolean('email').notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind] })],
);

/**
 * One notification to be mailed: written with the change that caused it, then sent by a job, at
 * once (`queued` → `sending` → `sent`) or held for the user's digest (`queued` → `held` →
 * `sending` → `sent`). The rows are the state, so a restart or a second instance finds exactly
 * what is still owed; `sending` rows name the job that claimed them, whose retry sends them again.
 */
export const notificationEmails = pgTable(
  'notification_emails',
  {
    id: id(),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    ticketId: uuid('ticket_id'),
    actorName: text('actor_name'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    status: text('status', { enum: ['queued', 'held', 'sending', 'sent', 'skipped'] }).notNull().default('queued'),
    /** The job sending it (set with `sending`). */
    jobId: uuid('job_id'),
    /** The Message-ID of the mail (single or digest) it goes out in; a retry reuses it. */
    messageId: text('message_id'),
    sentAt: at('sent_at'),
    createdAt: createdAt(),
  },
  (t) => [
    index('notification_emails_user_status_idx').on(t.userId, t.status, t.id),
    check('notification_emails_status_check', sql`${t.status} in ('queued','held','sending','sent','skipped')`),
  ],
);

/**
 * Per user, when the current digest window closes. A mail sent at once opens a window; what comes
 * before it closes is held and sent as one digest. The row is also the lock that serialises one
 * user's mail across instances.
 */
export const notificationEmailWindows = pgTable('notification_email_windows', {
  userId: uuid('user_id').primaryKey().references(() => users.id, { onDelete: 'cascade' }),
  closesAt: at('closes_at').notNull(),
});
