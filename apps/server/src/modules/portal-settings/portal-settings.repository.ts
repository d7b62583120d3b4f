import { eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.js';
import { customers } from '../customers/index.js';
import { organizations } from '../organizations/index.js';
import { portalSettings } from './portal-settings.tables.js';

export type PortalSettingsRow = typeof portalSettings.$inferSelect;

/** The settings without the logo's bytes (read on every portal page and sign-up). */
export async function readSettings(db: Executor) {
  const [row] = await db
    .select({
      name: portalSettings.name, logoHash: portalSettings.logoHash, primaryColor: portalSettings.primaryColor,
      languages: portalSettings.languages, signupMode: portalSettings.signupMode, loginLinkEnabled: portalSettings.loginLinkEnabled,
      updatedAt: portalSettings.updatedAt,
    })
    .from(portalSettings)
    .where(eq(portalSettings.id, 1));
  return row;
}

export async function readLogo(db: Executor) {
  const [row] = await db
    .select({ logo: portalSettings.logo, type: portalSettings.logoType, hash: portalSettings.logoHash })
    .from(portalSettings)
    .where(eq(portalSettings.id, 1));
  return row?.logo && row.type && row.hash ? { bytes: row.logo, type: row.type, hash: row.hash } : undefined;
}

/** The row, created with its defaults the first time an admin saves, and locked for the change. */
export async function lockSettings(db: Executor) {
  await db.insert(portalSettings).values({ id: 1 }).onConflictDoNothing();
  const [row] = await db.select().from(portalSettings).where(eq(portalSettings.id, 1)).for('update');
  return row!;
}

export const updateSettingsRow = async (db: Executor, patch: Partial<typeof portalSettings.$inferInsert>) =>
  (await db.update(portalSettings).set(patch).where(eq(portalSettings.id, 1)).returning())[0]!;

export async function findCustomerWithOrganization(db: Executor, customerId: string) {
  const [row] = await db
    .select({
      id: customers.id, name: customers.name,
      orgId: organizations.id, orgName: organizations.name, sharedTickets: organizations.sharedTickets,
    })
    .from(customers)
    .leftJoin(organizations, eq(organizations.id, customers.organizationId))
    .where(eq(customers.id, customerId));
  return row;
}
