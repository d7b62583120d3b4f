import { sql } from 'drizzle-orm';
import { bigserial, check, index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { at, createdAt, id } from '../../platform/db/columns.js';
import { users } from '../users/users.tables.js';

export const accountTokenPurposes = ['verify_email', 'password_reset', 'login_link', 'invitation'] as const;
export type AccountTokenPurpose = (typeof accountTokenPurposes)[number];

/**
 * Single-use links mailed to a user (verify the address, reset the password, sign in, accept an
 * invitation). Only the SHA-256 of the secret is kept, so a copy of the database opens no account;
 * the secret itself exists only in the mail.
 */
export const accountTokens = pgTable(
  'account_tokens',
  {
    id: id(),
    purpose: text('purpose', { enum: accountTokenPurposes }).notNull(),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    expiresAt: at('expires_at').notNull(),
    usedAt: at('used_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('account_tokens_hash_key').on(t.tokenHash),
    index('account_tokens_user_idx').on(t.userId, t.purpose),
    index('account_tokens_expires_idx').on(t.expiresAt),
    check('account_tokens_purpose_check', sql`${t.purpose} in ('verify_email','password_reset','login_link','invitation')`),
  ],
);

/**
 * Accepted requests that mail someone (sign-up, resend, reset, sign-in link), counted per address
 * and per email address over a window. Kept in the database so the limit holds across instances.
 */
export const accountRequests = pgTable(
  'account_requests',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    action: text('action').notNull(),
    ip: text('ip').notNull(),
    email: text('email').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('account_requests_ip_idx').on(t.action, t.ip, t.createdAt),
    index('account_requests_email_idx').on(t.action, t.email, t.createdAt),
  ],
);
