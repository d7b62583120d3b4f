import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from '../../platform/db/columns.js';
import { users } from '../users/users.tables.js';

/** Saved views (保存的视图): named queue filters, personal to their owner or shared with all staff. */
export const savedViews = pgTable(
  'saved_views',
  {
    id: id(),
    // No cascade: a shared view others rely on must not vanish with its author's account.
    ownerId: uuid('owner_id').notNull().references(() => users.id),
    name: text('name').notNull(),
    scope: text('scope', { enum: ['personal', 'shared'] }).notNull().default('personal'),
    /** The queue's query string values, as GET /tickets accepts them (checked on every write). */
    filters: jsonb('filters').$type<Record<string, string>>().notNull().default(sql`'{}'::jsonb`),
    position: integer('position').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // One name per list: an owner's personal views, and the shared list.
    uniqueIndex('saved_views_personal_name_key').on(t.ownerId, sql`lower(${t.name})`).where(sql`${t.scope} = 'personal'`),
    uniqueIndex('saved_views_shared_name_key').on(sql`lower(${t.name})`).where(sql`${t.scope} = 'shared'`),
    index('saved_views_owner_idx').on(t.ownerId, t.position),
    index('saved_views_scope_idx').on(t.scope, t.position),
    check('saved_views_scope_check', sql`${t.scope} in ('personal','shared')`),
  ],
);
