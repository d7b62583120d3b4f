import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from '../../platform/db/columns.js';
import { users } from '../users/users.tables.js';

/** Canned responses (话术库): reusable replies, personal to their owner or shared with all staff. */
export const cannedResponses = pgTable(
  'canned_responses',
  {
    id: id(),
    title: text('title').notNull(),
    /** Sanitized HTML. */
    body: text('body').notNull(),
    /** The body as plain text, so search matches words and not markup. */
    bodyText: text('body_text').notNull(),
    category: text('category'),
    scope: text('scope', { enum: ['personal', 'shared'] }).notNull().default('personal'),
    shortcut: text('shortcut'),
    locale: text('locale', { enum: ['zh-CN', 'en'] }),
    usageCount: integer('usage_count').notNull().default(0),
    // No cascade: deleting a user must not silently delete the replies a team relies on.
    ownerId: uuid('owner_id').notNull().references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('canned_responses_owner_shortcut_key').on(t.ownerId, sql`lower(${t.shortcut})`).where(sql`${t.shortcut} is not null`),
    index('canned_responses_owner_idx').on(t.ownerId),
    index('canned_responses_scope_idx').on(t.scope),
    index('canned_responses_category_idx').on(t.category),
    check('canned_responses_scope_check', sql`${t.scope} in ('personal','shared')`),
    check('canned_responses_locale_check', sql`${t.locale} is null or ${t.locale} in ('zh-CN','en')`),
  ],
);
