import { count, eq, inArray, sql } from 'drizzle-orm';
import type { PageQuery } from '@kefu/contracts';
import type { Executor } from '../../platform/db/client.js';
import { cleanSearch, containsPattern, keyset } from '../../platform/db/pagination.js';
import { customers } from '../customers/customers.tables.js';
import { organizations } from './organizations.tables.js';

export type OrganizationRow = typeof organizations.$inferSelect;

export const findOrganization = async (db: Executor, id: string) =>
  (await db.select().from(organizations).where(eq(organizations.id, id)).limit(1))[0];

export function listOrganizations(db: Executor, q: PageQuery) {
  const search = cleanSearch(q.q);
  const page = keyset(organizations.id, q.cursor, [
    search
      ? sql`(lower(${organizations.name}) like ${containsPattern(search)} or ${search.toLowerCase()} = any(${organizations.domains}))`
      : undefined,
  ]);
  return db.select().from(organizations).where(page.where).orderBy(page.orderBy).limit(q.limit + 1);
}

export async function customerCounts(db: Executor, orgIds: string[]) {
  const map = new Map<string, number>(orgIds.map((id) => [id, 0]));
  if (orgIds.length === 0) return map;
  const rows = await db
    .select({ id: customers.organizationId, n: count() })
    .from(customers)
    .where(inArray(customers.organizationId, orgIds))
    .groupBy(customers.organizationId);
  for (const r of rows) if (r.id) map.set(r.id, r.n);
  return map;
}

export const insertOrganization = async (db: Executor, row: typeof organizations.$inferInsert) =>
  (await db.insert(organizations).values(row).returning())[0]!;
export const updateOrganizationRow = async (db: Executor, id: string, patch: Partial<typeof organizations.$inferInsert>) =>
  (await db.update(organizations).set(patch).where(eq(organizations.id, id)).returning())[0]!;
export const deleteOrganizationRow = (db: Executor, id: string) => db.delete(organizations).where(eq(organizations.id, id));
