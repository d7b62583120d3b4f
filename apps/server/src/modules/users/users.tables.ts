import { sql } from 'drizzle-orm';
import { boolean, check, index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { at, createdAt, id, updatedAt } from '../../platform/db/columns.js';

/** Everyone who signs in: staff (admin, supervisor, agent) and portal customers. */
export const users = pgTable(
  'users',
  {
    id: id(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role', { enum: ['admin', 'supervisor', 'agent', 'customer'] }).notNull(),
    passwordHash: text('password_hash').notNull(),
    locale: text('locale', { enum: ['zh-CN', 'en'] }).notNull().default('zh-CN'),
    active: boolean('active').notNull().default(true),
    away: boolean('away').notNull().default(false),
    /** For role customer: the CRM record this login belongs to. */
    customerId: uuid('customer_id'),
    /**
     * When the user proved they read mail at `email`. Null only for portal sign-ups and invitations
     * not yet confirmed (they cannot sign in); accounts an admin creates count as verified.
     */
    emailVerifiedAt: at('email_verified_at').defaultNow(),
    lastLoginAt: at('last_login_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('users_email_key').on(sql`lower(${t.email})`),
    index('users_name_idx').on(t.name),
    check('users_role_check', sql`${t.role} in ('admin','supervisor','agent','customer')`),
    check('users_locale_check', sql`${t.locale} in ('zh-CN','en')`),
  ],
);
