import type { SessionUser } from '@kefu/contracts';
import type { AppDeps } from '../../platform/context.js';
import type { Executor } from '../../platform/db/client.js';
import { AppError } from '../../platform/http/app-error.js';
import { randomSecret, sha256 } from '../../platform/ids.js';
import type { RequestContext } from './actor.js';
import * as authRepo from './auth.repository.js';
import { presentSessionUser } from './auth.service.js';
import * as repo from './account-tokens.repository.js';
import type { AccountTokenPurpose } from './account-tokens.tables.js';

export interface OpenedSession {
  secret: string;
  expiresAt: Date;
  user: SessionUser;
}

/** Where an anonymous request came from, for sessions and the audit log. */
export interface Origin {
  ip: string;
  userAgent: string | null;
}

/** A session for a user who just proved they read their mail (verify, reset, sign-in link, invitation). */
export async function openSession(deps: AppDeps, tx: Executor, user: repo.UserRow, origin: Origin): Promise<OpenedSession> {
  const now = deps.clock.now();
  const secret = randomSecret();
  const expiresAt = new Date(now.getTime() + deps.config.sessionDays * 86_400_000);
  await authRepo.insertSession(tx, {
    id: sha256(secret), userId: user.id, ip: origin.ip, userAgent: origin.userAgent?.slice(0, 500) ?? null, createdAt: now, lastSeenAt: now, expiresAt,
  });
  await authRepo.markLoggedIn(tx, user.id, now);
  return { secret, expiresAt, user: presentSessionUser(user) };
}

/** The context of work a user does on their own account before they have a session. */
export const selfContext = (user: Pick<repo.UserRow, 'id' | 'email' | 'name' | 'role' | 'locale' | 'customerId'>, origin: Origin): RequestContext => ({
  actor: { userId: user.id, email: user.email, name: user.name, role: user.role, userRole: user.role, locale: user.locale, customerId: user.customerId, via: 'session' },
  ip: origin.ip,
  userAgent: origin.userAgent,
});

const tokenInvalid = () => new AppError('token_invalid', 'This link is not valid; ask for a new one');
/** Our secrets are 43 URL-safe characters; anything else is not worth a lookup. */
const tokenShape = /^[A-Za-z0-9_-]{20,100}$/;

/** The token's row and user without using it up (to check a new password against the user first). */
export async function peekToken(deps: AppDeps, secret: string, purpose: AccountTokenPurpose) {
  if (!tokenShape.test(secret)) throw tokenInvalid();
  const row = await repo.findTokenForUpdate(deps.db, secret);
  if (!row || row.purpose !== purpose) throw tokenInvalid();
  const user = await repo.findUserById(deps.db, row.userId);
  if (!user || !user.active) throw tokenInvalid();
  return { row, user };
}

/**
 * Uses a mailed link up, once: locked, so two clicks racing cannot both succeed. A used link and an
 * expired one say so (410), so the page can offer the right next step.
 */
export async function consumeToken(deps: AppDeps, tx: Executor, secret: string, purpose: AccountTokenPurpose) {
  if (!tokenShape.test(secret)) throw tokenInvalid();
  const now = deps.clock.now();
  const row = await repo.findTokenForUpdate(tx, secret);
  if (!row || row.purpose !== purpose) throw tokenInvalid();
  if (row.usedAt) throw new AppError('token_used', 'This link has been used already');
  if (row.expiresAt <= now) throw new AppError('token_expired', 'This link has expired; ask for a new one');
  const user = await repo.findUserById(tx, row.userId);
  if (!user || !user.active) throw tokenInvalid();
  await repo.markTokenUsed(tx, row.id, now);
  return { row, user, now };
}
