import type { PortalAccount, PortalSettings, UpdatePortalSettingsBody } from '@kefu/contracts';
import { updatePortalSettingsBodySchema } from '@kefu/contracts';
import type { AppDeps } from '../../platform/context.js';
import type { Executor } from '../../platform/db/client.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { notFound } from '../../platform/http/app-error.js';
import { sharedCache } from '../../platform/realtime/shared-cache.js';
import { recordAudit } from '../audit/index.js';
import type { RequestContext } from '../auth/index.js';
import { parseLogo } from './portal-logo.js';
import { authorizePortalAccount, authorizePortalSettings } from './portal-settings.policy.js';
import { presentPortalSettings } from './portal-settings.presenter.js';
import * as repo from './portal-settings.repository.js';

/** Read by every portal page and every sign-up: kept in process, dropped on every instance when an admin saves. */
export const portalSettingsCache = sharedCache<PortalSettings>('kefu_portal_settings', async (db) => presentPortalSettings(await repo.readSettings(db)));

export const getPortalSettings = (deps: Pick<AppDeps, 'db'>, exec?: Executor) => portalSettingsCache.get(deps.db, exec);

export const getPortalLogo = (deps: AppDeps) => repo.readLogo(deps.db);

const auditable = (s: PortalSettings) => ({ ...s, updatedAt: undefined });

export async function updatePortalSettings(deps: AppDeps, ctx: RequestContext, input: UpdatePortalSettingsBody): Promise<PortalSettings> {
  authorizePortalSettings(ctx.actor, 'update');
  const body = updatePortalSettingsBodySchema.parse(input);
  const logo = typeof body.logo === 'string' ? parseLogo(body.logo) : body.logo;
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const before = presentPortalSettings(await repo.lockSettings(tx));
    await repo.updateSettingsRow(tx, {
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(logo === null ? { logo: null, logoType: null, logoHash: null } : logo ? { logo: logo.bytes, logoType: logo.type, logoHash: logo.hash } : {}),
      ...(body.primaryColor ? { primaryColor: body.primaryColor } : {}),
      ...(body.languages ? { languages: body.languages } : {}),
      ...(body.signupMode ? { signupMode: body.signupMode } : {}),
      ...(body.loginLinkEnabled !== undefined ? { loginLinkEnabled: body.loginLinkEnabled } : {}),
      updatedBy: ctx.actor.userId,
      updatedAt: now,
    });
    const after = presentPortalSettings(await repo.readSettings(tx));
    await recordAudit(tx, ctx, { action: 'portal_settings.updated', entityType: 'portal_settings', entityId: '1', before: auditable(before), after: auditable(after) }, now);
    await portalSettingsCache.changed(deps.db, tx);
    return after;
  });
}

export async function getPortalAccount(deps: AppDeps, ctx: RequestContext): Promise<PortalAccount> {
  authorizePortalAccount(ctx.actor);
  const row = await repo.findCustomerWithOrganization(deps.db, ctx.actor.customerId!);
  if (!row) throw notFound('Customer');
  return {
    customerId: row.id,
    customerName: row.name,
    organization: row.orgId ? { id: row.orgId, name: row.orgName ?? '', sharedTickets: row.sharedTickets ?? false } : null,
  };
}
