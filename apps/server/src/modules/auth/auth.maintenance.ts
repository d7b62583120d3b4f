import { lt } from 'drizzle-orm';
import type { AppDeps } from '../../platform/context.js';
import { loginAttempts, sessions } from './auth.tables.js';
import { loginThrottle } from './auth.service.js';
import { deleteOldAccountRequests } from './account-throttle.js';
import { deleteStaleTokens } from './account-tokens.repository.js';

const EVERY_MS = 15 * 60_000;

/**
 * Deletes expired sessions and sign-in failures older than the throttle window. Both deletes are
 * idempotent, so instances running it at the same time do no harm.
 */
export async function sweepAuth(deps: AppDeps) {
  const now = deps.clock.now();
  const expired = await deps.db.delete(sessions).where(lt(sessions.expiresAt, now)).returning({ id: sessions.id });
  const stale = await deps.db
    .delete(loginAttempts)
    .where(lt(loginAttempts.createdAt, new Date(now.getTime() - 2 * loginThrottle.windowMs)))
    .returning({ id: loginAttempts.id });
  const accountRequests = await deleteOldAccountRequests(deps.db, now);
  const accountTokens = await deleteStaleTokens(deps.db, now);
  return { sessions: expired.length, loginAttempts: stale.length, accountRequests: accountRequests.length, accountTokens: accountTokens.length };
}

/** Runs the sweep now and then every 15 minutes on a worker instance; returns a stopper. */
export function startAuthMaintenance(deps: AppDeps): () => void {
  const run = () =>
    sweepAuth(deps).then(
      (n) => (n.sessions || n.loginAttempts || n.accountRequests || n.accountTokens) && deps.log.info(n, 'auth sweep'),
      (err: unknown) => deps.log.warn({ err }, 'auth sweep failed'),
    );
  void run();
  const timer = setInterval(run, EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
