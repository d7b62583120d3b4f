import type { LoginBody, SessionUser } from '@kefu/contracts';
import type { AppDeps } from '../../platform/context.js';
import { AppError } from '../../platform/http/app-error.js';
import { randomSecret, sha256 } from '../../platform/ids.js';
import { authCacheOf, invalidateAuth } from './auth-cache.js';
import { minRole } from './roles.js';
import type { Actor } from './actor.js';
import * as repo from './auth.repository.js';
import { verifyPassword } from './passwords.js';

/** Brute-force cool-down: so many failures inside the window lock the account or the address. */
export const loginThrottle = { windowMs: 15 * 60_000, perAccount: 5, perAddress: 30 } as const;
const TOUCH_EVERY_MS = 5 * 60_000;

export const presentSessionUser = (u: repo.UserRow): SessionUser => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role,
  locale: u.locale,
});

async function assertNotThrottled(deps: AppDeps, email: string, ip: string) {
  const now = deps.clock.now();
  const since = new Date(now.getTime() - loginThrottle.windowMs);
  const checks = [
    { ...(await repo.recentFailures(deps.db, 'email', email, since)), limit: loginThrottle.perAccount },
    { ...(await repo.recentFailures(deps.db, 'ip', ip, since)), limit: loginThrottle.perAddress },
  ];
  for (const c of checks) {
    if (c.count >= c.limit && c.oldest) {
      const retryAfterSeconds = Math.max(1, Math.ceil((c.oldest.getTime() + loginThrottle.windowMs - now.getTime()) / 1000));
      throw new AppError('too_many_requests', 'Too many failed sign-in attempts; try again later', { retryAfterSeconds });
    }
  }
}

/** Verifies credentials and opens a session; returns the cookie secret, shown to nobody else. */
export async function login(deps: AppDeps, body: LoginBody, ip: string, userAgent: string | null) {
  await assertNotThrottled(deps, body.email, ip);
  const user = await repo.findActiveUserByEmail(deps.db, body.email);
  const ok = await verifyPassword(user?.passwordHash ?? null, body.password);
  const now = deps.clock.now();
  if (!user || !ok) {
    await repo.recordFailure(deps.db, body.email, ip, now);
    // One message for unknown email and wrong password: never tell which accounts exist.
    throw new AppError('invalid_credentials', 'Email or password is incorrect');
  }
  // Only after the password matched: the answer tells nothing to someone who does not know it.
  if (user.role === 'customer' && !user.emailVerifiedAt) {
    throw new AppError('email_not_verified', 'Verify your email address first: follow the link we mailed you, or ask for a new one');
  }
  const secret = randomSecret();
  const expiresAt = new Date(now.getTime() + deps.config.sessionDays * 86_400_000);
  await deps.db.transaction(async (tx) => {
    await repo.insertSession(tx, { id: sha256(secret), userId: user.id, ip, userAgent: userAgent?.slice(0, 500) ?? null, createdAt: now, lastSeenAt: now, expiresAt });
    await repo.markLoggedIn(tx, user.id, now);
    await repo.clearFailures(tx, body.email);
  });
  return { secret, expiresAt, user: presentSessionUser(user) };
}

export async function logout(deps: AppDeps, actor: Actor | null) {
  const sessionId = actor?.sessionId;
  if (!sessionId) return;
  await deps.db.transaction(async (tx) => {
    await repo.deleteSession(tx, sessionId);
    await invalidateAuth(deps, tx, { sessionId });
  });
}

/** Resolves a session cookie to its actor; expired, forged or deactivated ones resolve to null. */
export async function actorFromSession(deps: AppDeps, secret: string, onRenew?: (expiresAt: Date) => void): Promise<Actor | null> {
  if (secret.length > 200) return null;
  const id = sha256(secret);
  const now = deps.clock.now();
  const cache = authCacheOf(deps);
  const hit = cache.get(id, now.getTime());
  if (hit) {
    if (now.getTime() - hit.lastSeenAt > TOUCH_EVERY_MS) {
      hit.lastSeenAt = now.getTime();
      hit.expiresAt = now.getTime() + deps.config.sessionDays * 86_400_000;
      await repo.touchSession(deps.db, id, now, new Date(hit.expiresAt));
      onRenew?.(new Date(hit.expiresAt));
    }
    return hit.actor;
  }
  const generation = cache.generation;
  const found = await repo.findLiveSession(deps.db, id, now);
  if (!found) return null;
  let { expiresAt, lastSeenAt } = found.session;
  if (now.getTime() - lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    // Sliding expiry, written at most every few minutes so reads stay reads.
    lastSeenAt = now;
    expiresAt = new Date(now.getTime() + deps.config.sessionDays * 86_400_000);
    await repo.touchSession(deps.db, id, now, expiresAt);
    onRenew?.(expiresAt);
  }
  const u = found.user;
  const actor: Actor = { userId: u.id, email: u.email, name: u.name, role: u.role, userRole: u.role, locale: u.locale, customerId: u.customerId, via: 'session', sessionId: id };
  cache.set(id, { actor, expiresAt: expiresAt.getTime(), lastSeenAt: lastSeenAt.getTime() }, now.getTime(), generation);
  return actor;
}

export async function actorFromToken(deps: AppDeps, secret: string): Promise<Actor | null> {
  if (secret.length > 200) return null;
  const key = sha256(secret);
  const now = deps.clock.now();
  const cache = authCacheOf(deps);
  const hit = cache.get(key, now.getTime());
  if (hit) return hit.actor;
  const generation = cache.generation;
  const found = await repo.findLiveToken(deps.db, key, now);
  if (!found) return null;
  if (!found.token.lastUsedAt || now.getTime() - found.token.lastUsedAt.getTime() > TOUCH_EVERY_MS) {
    await repo.touchToken(deps.db, found.token.id, now);
  }
  const u = found.user;
  // A token never acts above its owner's current role, even if the owner was demoted after issuing it.
  const role = minRole(found.token.role, u.role);
  const actor: Actor = { userId: u.id, email: u.email, name: u.name, role, userRole: u.role, locale: u.locale, customerId: u.customerId, via: 'token', tokenId: found.token.id };
  const expiresAt = found.token.expiresAt?.getTime() ?? Number.MAX_SAFE_INTEGER;
  cache.set(key, { actor, expiresAt, lastSeenAt: now.getTime() }, now.getTime(), generation);
  return actor;
}
