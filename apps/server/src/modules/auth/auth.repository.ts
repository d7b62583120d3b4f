import { and, count, eq, gt, min, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.js';
import { apiTokens } from '../tokens/tokens.tables.js';
import { users } from '../users/users.tables.js';
import { loginAttempts, sessions } from './auth.tables.js';

export type UserRow = typeof users.$inferSelect;

export const findActiveUserByEmail = async (db: Executor, email: string) =>
  (await db.select().from(users).where(and(eq(sql`lower(${users.email})`, email.toLowerCase()), eq(users.active, true))).limit(1))[0];

/** The hot path of every request: session and its user in one indexed lookup. */
export async function findLiveSession(db: Executor, id: string, now: Date) {
  const rows = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, id), gt(sessions.expiresAt, now), eq(users.active, true)))
    .limit(1);
  return rows[0];
}

export async function findLiveToken(db: Executor, secretHash: string, now: Date) {
  const rows = await db
    .select({ token: apiTokens, user: users })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(
      and(
        eq(apiTokens.secretHash, secretHash),
        sql`${apiTokens.revokedAt} is null`,
        sql`(${apiTokens.expiresAt} is null or ${apiTokens.expiresAt} > ${now})`,
        eq(users.active, true),
      ),
    )
    .limit(1);
  return rows[0];
}

export const insertSession = (db: Executor, row: typeof sessions.$inferInsert) => db.insert(sessions).values(row);

export const touchSession = (db: Executor, id: string, now: Date, expiresAt: Date) =>
  db.update(sessions).set({ lastSeenAt: now, expiresAt }).where(eq(sessions.id, id));

export const touchToken = (db: Executor, id: string, now: Date) =>
  db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, id));

export const deleteSession = (db: Executor, id: string) => db.delete(sessions).where(eq(sessions.id, id));

/** Ends a user's sessions everywhere, optionally keeping the one making the request. */
export const deleteUserSessions = (db: Executor, userId: string, keepSessionId?: string) =>
  db.delete(sessions).where(and(eq(sessions.userId, userId), keepSessionId ? ne(sessions.id, keepSessionId) : undefined));

export async function recentFailures(db: Executor, by: 'email' | 'ip', value: string, since: Date) {
  const match = by === 'email' ? eq(sql`lower(${loginAttempts.email})`, value.toLowerCase()) : eq(loginAttempts.ip, value);
  const [row] = await db
    .select({ n: count(), oldest: min(loginAttempts.createdAt) })
    .from(loginAttempts)
    .where(and(match, eq(loginAttempts.succeeded, false), gt(loginAttempts.createdAt, since)));
  return { count: row?.n ?? 0, oldest: row?.oldest ?? null };
}

export const recordFailure = (db: Executor, email: string, ip: string, now: Date) =>
  db.insert(loginAttempts).values({ email: email.slice(0, 254), ip, succeeded: false, createdAt: now });

/** A successful sign-in forgives the account's earlier failures (not the address's). */
export const clearFailures = (db: Executor, email: string) =>
  db.delete(loginAttempts).where(eq(sql`lower(${loginAttempts.email})`, email.toLowerCase()));

export const markLoggedIn = (db: Executor, userId: string, now: Date) =>
  db.update(users).set({ lastLoginAt: now }).where(eq(users.id, userId));
