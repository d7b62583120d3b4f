import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.js';
import { randomSecret, sha256, uuidv7 } from '../../platform/ids.js';
import { users } from '../users/users.tables.js';
import { accountTokens, type AccountTokenPurpose } from './account-tokens.tables.js';

export type AccountTokenRow = typeof accountTokens.$inferSelect;
export type UserRow = typeof users.$inferSelect;

/** Any user with this address, active or not, staff or customer. */
export const findUserByEmail = async (db: Executor, email: string) =>
  (await db.select().from(users).where(eq(sql`lower(${users.email})`, email.toLowerCase())).limit(1))[0];

export const findUserById = async (db: Executor, id: string) =>
  (await db.select().from(users).where(eq(users.id, id)).limit(1))[0];

export const updateUser = async (db: Executor, id: string, patch: Partial<typeof users.$inferInsert>) =>
  (await db.update(users).set(patch).where(eq(users.id, id)).returning())[0]!;

export const insertUser = async (db: Executor, row: typeof users.$inferInsert) => (await db.insert(users).values(row).returning())[0]!;

/**
 * A new link for this purpose; the user's earlier unused ones for the same purpose stop working,
 * so only the latest mail's link opens anything. The stored hash is of a secret nobody holds: the
 * mail job replaces it with the hash of the secret it mails.
 */
export async function issueToken(db: Executor, userId: string, purpose: AccountTokenPurpose, now: Date, ttlMs: number) {
  await db.delete(accountTokens).where(and(eq(accountTokens.userId, userId), eq(accountTokens.purpose, purpose), isNull(accountTokens.usedAt)));
  const [row] = await db
    .insert(accountTokens)
    .values({ id: uuidv7(now.getTime()), purpose, userId, tokenHash: sha256(randomSecret()), expiresAt: new Date(now.getTime() + ttlMs), createdAt: now })
    .returning();
  return row!;
}

/** Gives a token a fresh secret (returned once, for the mail) if it is still unused and unexpired. */
export async function rekeyToken(db: Executor, id: string, now: Date): Promise<{ row: AccountTokenRow; secret: string } | null> {
  const [row] = await db.select().from(accountTokens).where(eq(accountTokens.id, id)).for('update');
  if (!row || row.usedAt || row.expiresAt <= now) return null;
  const secret = randomSecret();
  await db.update(accountTokens).set({ tokenHash: sha256(secret) }).where(eq(accountTokens.id, id));
  return { row, secret };
}

export async function findTokenForUpdate(db: Executor, secret: string) {
  const [row] = await db.select().from(accountTokens).where(eq(accountTokens.tokenHash, sha256(secret))).for('update');
  return row;
}

export const markTokenUsed = (db: Executor, id: string, now: Date) =>
  db.update(accountTokens).set({ usedAt: now }).where(eq(accountTokens.id, id));

/** Other open links of the same purpose die with the one used (a reset link mailed twice opens once). */
export const retireTokens = (db: Executor, userId: string, purposes: AccountTokenPurpose[], now: Date) =>
  db.update(accountTokens).set({ usedAt: now }).where(and(
    eq(accountTokens.userId, userId), isNull(accountTokens.usedAt),
    or(...purposes.map((p) => eq(accountTokens.purpose, p))),
  ));

/** Tokens a day past their expiry: a late click then reads "invalid" rather than "expired", which is fine. */
export const deleteStaleTokens = (db: Executor, now: Date) =>
  db.delete(accountTokens).where(lt(accountTokens.expiresAt, new Date(now.getTime() - 86_400_000))).returning({ id: accountTokens.id });
