/*
 * Portal accounts, self-service: sign-up with a verified address, resend, password reset (staff
 * too), sign-in links. Every request that may mail someone answers the same whatever the address
 * (no account enumeration), is throttled per address and per IP in the database, and books its mail
 * as a job in the same transaction (account-mail.jobs.ts), so the answer never waits on SMTP.
 */
import { sql } from 'drizzle-orm';
import type { AccountRequestAccepted, RegisterBody, ResetPasswordBody } from '@kefu/contracts';
import type { AppDeps } from '../../platform/context.js';
import type { Executor } from '../../platform/db/client.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { AppError } from '../../platform/http/app-error.js';
import { uuidv7 } from '../../platform/ids.js';
import { recordAudit } from '../audit/index.js';
import { findOrCreateCustomer } from '../customers/index.js';
import { getPortalSettings } from '../portal-settings/index.js';
import { invalidateAuth } from './auth-cache.js';
import * as authRepo from './auth.repository.js';
import { SEND_ACCOUNT_MAIL, type AccountMailJob } from './account-mail.jobs.js';
import { consumeToken, openSession, peekToken, selfContext, type OpenedSession, type Origin } from './account-session.js';
import { throttleAccountRequest } from './account-throttle.js';
import * as repo from './account-tokens.repository.js';
import type { AccountTokenPurpose } from './account-tokens.tables.js';
import { assertStrongPassword } from './password-strength.js';
import { hashPassword } from './passwords.js';

/** How long each mailed link works. */
export const tokenTtlMs: Record<AccountTokenPurpose, number> = {
  verify_email: 48 * 3_600_000,
  password_reset: 3_600_000,
  login_link: 15 * 60_000,
  invitation: 7 * 86_400_000,
};

const accepted: AccountRequestAccepted = { status: 'accepted' };

export const bookAccountMail = (deps: AppDeps, tx: Executor, job: AccountMailJob) => deps.jobs.send(SEND_ACCOUNT_MAIL, job, { tx });

async function mailLink(deps: AppDeps, tx: Executor, user: repo.UserRow, purpose: AccountTokenPurpose) {
  const token = await repo.issueToken(tx, user.id, purpose, deps.clock.now(), tokenTtlMs[purpose]);
  await bookAccountMail(deps, tx, { kind: purpose, userId: user.id, tokenId: token.id });
  return token;
}

/** Two sign-ups for one address take turns, so the second sees the first's account. */
const lockEmail = (tx: Executor, email: string) => tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`kefu-register:${email}`}, 0))`);

export async function register(deps: AppDeps, body: RegisterBody, origin: Origin): Promise<AccountRequestAccepted> {
  const settings = await getPortalSettings(deps);
  if (settings.signupMode !== 'open') throw new AppError('signup_disabled', 'Sign-up is by invitation only; ask the service team for an invitation');
  assertStrongPassword(body.password, body.email, body.name);
  await throttleAccountRequest(deps, 'register', origin.ip, body.email);
  // Hashed whether or not the address has an account, so both answers take as long.
  const passwordHash = await hashPassword(body.password);
  const locale = body.locale ?? settings.languages[0] ?? 'zh-CN';
  await inTransaction(deps.db, async (tx) => {
    await lockEmail(tx, body.email);
    const now = deps.clock.now();
    const existing = await repo.findUserByEmail(tx, body.email);
    if (existing) {
      if (!existing.active) return;
      if (existing.role === 'customer' && !existing.emailVerifiedAt) {
        // Nobody has proven this address yet: the latest sign-up's password and name apply, and
        // only the newest link verifies it.
        const row = await repo.updateUser(tx, existing.id, { passwordHash, name: body.name, locale, updatedAt: now });
        await mailLink(deps, tx, row, 'verify_email');
        return;
      }
      await bookAccountMail(deps, tx, { kind: 'account_exists', userId: existing.id });
      return;
    }
    const id = uuidv7(now.getTime());
    const ctx = selfContext({ id, email: body.email, name: body.name, role: 'customer', locale, customerId: null }, origin);
    // The CRM record with this address (mail they sent us, a record staff made) becomes theirs.
    const customer = await findOrCreateCustomer(deps, tx, ctx, { name: body.name, email: body.email });
    const user = await repo.insertUser(tx, {
      id, email: body.email, name: body.name, role: 'customer', locale, passwordHash, customerId: customer.id, emailVerifiedAt: null, createdAt: now, updatedAt: now,
    });
    await recordAudit(tx, ctx, { action: 'user.registered', entityType: 'user', entityId: id, after: { email: user.email, name: user.name, role: 'customer', customerId: customer.id, newCustomer: customer.created } }, now);
    await mailLink(deps, tx, user, 'verify_email');
  });
  return accepted;
}

export async function verifyEmail(deps: AppDeps, token: string, origin: Origin): Promise<OpenedSession> {
  return inTransaction(deps.db, async (tx) => {
    const { user, now } = await consumeToken(deps, tx, token, 'verify_email');
    const row = user.emailVerifiedAt ? user : await repo.updateUser(tx, user.id, { emailVerifiedAt: now, updatedAt: now });
    await recordAudit(tx, selfContext(row, origin), { action: 'user.email_verified', entityType: 'user', entityId: row.id, after: { email: row.email } }, now);
    return openSession(deps, tx, row, origin);
  });
}

export async function resendVerification(deps: AppDeps, email: string, origin: Origin): Promise<AccountRequestAccepted> {
  await throttleAccountRequest(deps, 'verify_resend', origin.ip, email);
  await inTransaction(deps.db, async (tx) => {
    const user = await repo.findUserByEmail(tx, email);
    if (user?.active && user.role === 'customer' && !user.emailVerifiedAt) await mailLink(deps, tx, user, 'verify_email');
  });
  return accepted;
}

/** Staff and customers alike; an unknown or deactivated address gets no mail and the same answer. */
export async function requestPasswordReset(deps: AppDeps, email: string, origin: Origin): Promise<AccountRequestAccepted> {
  await throttleAccountRequest(deps, 'password_reset', origin.ip, email);
  await inTransaction(deps.db, async (tx) => {
    const user = await repo.findUserByEmail(tx, email);
    if (user?.active) await mailLink(deps, tx, user, 'password_reset');
  });
  return accepted;
}

/** Sets a password from a mailed link (reset or invitation): the mailbox is proven, every other session ends. */
export async function setPasswordByToken(
  deps: AppDeps,
  body: ResetPasswordBody & { name?: string | undefined },
  purpose: 'password_reset' | 'invitation',
  origin: Origin,
): Promise<OpenedSession> {
  // Checked against the user before the link is used up, so a refused password leaves it working.
  const peek = await peekToken(deps, body.token, purpose);
  assertStrongPassword(body.password, peek.user.email, body.name ?? peek.user.name);
  const passwordHash = await hashPassword(body.password);
  return inTransaction(deps.db, async (tx) => {
    const { user, now } = await consumeToken(deps, tx, body.token, purpose);
    const row = await repo.updateUser(tx, user.id, {
      passwordHash, ...(body.name ? { name: body.name } : {}), emailVerifiedAt: user.emailVerifiedAt ?? now, updatedAt: now,
    });
    await repo.retireTokens(tx, user.id, ['password_reset', 'login_link', 'invitation', 'verify_email'], now);
    await authRepo.deleteUserSessions(tx, user.id);
    await authRepo.clearFailures(tx, user.email);
    await invalidateAuth(deps, tx, { userId: user.id });
    const action = purpose === 'invitation' ? 'user.invitation_accepted' : 'user.password_reset';
    await recordAudit(tx, selfContext(row, origin), { action, entityType: 'user', entityId: row.id, after: { passwordChanged: true } }, now);
    return openSession(deps, tx, row, origin);
  });
}

export async function requestLoginLink(deps: AppDeps, email: string, origin: Origin): Promise<AccountRequestAccepted> {
  const settings = await getPortalSettings(deps);
  if (!settings.loginLinkEnabled) throw new AppError('login_link_disabled', 'Sign-in links are turned off; sign in with your password');
  await throttleAccountRequest(deps, 'login_link', origin.ip, email);
  await inTransaction(deps.db, async (tx) => {
    const user = await repo.findUserByEmail(tx, email);
    // Portal customers only: staff accounts reach more than one mailbox should open.
    if (user?.active && user.role === 'customer') await mailLink(deps, tx, user, 'login_link');
  });
  return accepted;
}

export async function confirmLoginLink(deps: AppDeps, token: string, origin: Origin): Promise<OpenedSession> {
  const settings = await getPortalSettings(deps);
  if (!settings.loginLinkEnabled) throw new AppError('login_link_disabled', 'Sign-in links are turned off; sign in with your password');
  return inTransaction(deps.db, async (tx) => {
    const { user, now } = await consumeToken(deps, tx, token, 'login_link');
    // Following the link proves the mailbox, as verification would.
    const row = user.emailVerifiedAt ? user : await repo.updateUser(tx, user.id, { emailVerifiedAt: now, updatedAt: now });
    await recordAudit(tx, selfContext(row, origin), { action: 'user.login_link_used', entityType: 'user', entityId: row.id }, now);
    return openSession(deps, tx, row, origin);
  });
}
