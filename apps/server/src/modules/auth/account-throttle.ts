import { and, count, eq, gt, lt, min, sql } from 'drizzle-orm';
import type { AppDeps } from '../../platform/context.js';
import type { Executor } from '../../platform/db/client.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { AppError } from '../../platform/http/app-error.js';
import { accountRequests } from './account-tokens.tables.js';

export type AccountAction = 'register' | 'verify_resend' | 'password_reset' | 'login_link';

/**
 * How many accepted requests that mail someone an address (IP) and an email address may make per
 * window. Per email stops one inbox from being flooded; per address stops one machine from
 * creating accounts or mail in bulk. The same limits hold for an email with or without an account.
 */
export const accountThrottle = {
  windowMs: 60 * 60_000,
  perEmail: 5,
  perAddress: { register: 20, verify_resend: 20, password_reset: 20, login_link: 20 } satisfies Record<AccountAction, number>,
} as const;

async function recent(tx: Executor, action: AccountAction, by: 'ip' | 'email', value: string, since: Date) {
  const [row] = await tx
    .select({ n: count(), oldest: min(accountRequests.createdAt) })
    .from(accountRequests)
    .where(and(eq(accountRequests.action, action), eq(by === 'ip' ? accountRequests.ip : accountRequests.email, value), gt(accountRequests.createdAt, since)));
  return { n: row?.n ?? 0, oldest: row?.oldest ?? null };
}

/**
 * Counts this request against both limits and records it, or refuses it with 429 and Retry-After.
 * Both keys are locked for the transaction (in a fixed order, so two requests cannot deadlock), so
 * requests racing on several instances cannot all slip under the limit at once.
 */
export async function throttleAccountRequest(deps: AppDeps, action: AccountAction, ip: string, email: string) {
  const now = deps.clock.now();
  const since = new Date(now.getTime() - accountThrottle.windowMs);
  const address = ip.slice(0, 100);
  await inTransaction(deps.db, async (tx) => {
    for (const key of [`kefu-account:${action}:email:${email}`, `kefu-account:${action}:ip:${address}`].sort()) {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
    }
    const checks = [
      { ...(await recent(tx, action, 'email', email, since)), limit: accountThrottle.perEmail },
      { ...(await recent(tx, action, 'ip', address, since)), limit: accountThrottle.perAddress[action] },
    ];
    for (const c of checks) {
      if (c.n >= c.limit && c.oldest) {
        const retryAfterSeconds = Math.max(1, Math.ceil((c.oldest.getTime() + accountThrottle.windowMs - now.getTime()) / 1000));
        throw new AppError('too_many_requests', 'Too many requests from here or for this address; try again later', { retryAfterSeconds });
      }
    }
    await tx.insert(accountRequests).values({ action, ip: address, email, createdAt: now });
  });
}

/** Rows older than the window count for nothing: the auth sweep removes them. */
export const deleteOldAccountRequests = (db: Executor, now: Date) =>
  db.delete(accountRequests).where(lt(accountRequests.createdAt, new Date(now.getTime() - accountThrottle.windowMs))).returning({ id: accountRequests.id });
