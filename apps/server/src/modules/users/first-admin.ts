import type { AppDeps } from '../../platform/context.js';
import { randomSecret, uuidv7 } from '../../platform/ids.js';
import { recordAudit } from '../audit/index.js';
import { hashPassword, systemContext } from '../auth/index.js';
import { auditUser } from './users.presenter.js';
import * as repo from './users.repository.js';

const FIRST_ADMIN_LOCK = 0x6b656676;
export const GENERATED_ADMIN_EMAIL = 'admin@kefu.local';

/**
 * On an empty database, creates the first admin from KEFU_ADMIN_EMAIL/KEFU_ADMIN_PASSWORD, or with a
 * generated one-time password that is printed once. Never touches an install that has an admin.
 */
export async function ensureFirstAdmin(deps: AppDeps): Promise<{ email: string; password?: string } | null> {
  return deps.database.withLock(FIRST_ADMIN_LOCK, async () => {
    if ((await repo.countAdmins(deps.db)) > 0) return null;
    const email = deps.config.admin?.email ?? GENERATED_ADMIN_EMAIL;
    const password = deps.config.admin?.password ?? randomSecret(12);
    const now = deps.clock.now();
    const id = uuidv7(now.getTime());
    await deps.db.transaction(async (tx) => {
      const row = await repo.insertUser(tx, {
        id, email, name: 'Administrator', role: 'admin', locale: 'zh-CN',
        passwordHash: await hashPassword(password), createdAt: now, updatedAt: now,
      });
      const ctx = systemContext({ userId: id, email, name: 'Kefu', role: 'admin', userRole: 'admin', locale: 'zh-CN', customerId: null, via: 'session' });
      await recordAudit(tx, ctx, { action: 'user.created', entityType: 'user', entityId: id, after: { ...auditUser(row), firstAdmin: true } }, now);
    });
    return deps.config.admin ? { email } : { email, password };
  });
}
