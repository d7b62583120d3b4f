import { and, count, eq, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { ListCannedResponsesQuery } from '@kefu/contracts';
import type { Executor } from '../../platform/db/client.js';
import { cleanSearch, containsPattern, keyset } from '../../platform/db/pagination.js';
import { isAdmin, type Actor } from '../auth/index.js';
import { users } from '../users/users.tables.js';
import { cannedResponses as cr } from './canned-responses.tables.js';

export type CannedResponseRow = typeof cr.$inferSelect & { ownerName: string | null };

/** The data scope: admins see all, other staff the shared ones and their own. */
function visibleTo(actor: Actor): SQL | undefined {
  return isAdmin(actor) ? undefined : or(eq(cr.scope, 'shared'), eq(cr.ownerId, actor.userId));
}

const withOwner = (db: Executor) =>
  db.select({ row: cr, ownerName: users.name }).from(cr).leftJoin(users, eq(users.id, cr.ownerId));

const flatten = (r: { row: typeof cr.$inferSelect; ownerName: string | null }): CannedResponseRow => ({ ...r.row, ownerName: r.ownerName });

export async function findCannedResponse(db: Executor, id: string): Promise<CannedResponseRow | undefined> {
  const found = (await withOwner(db).where(eq(cr.id, id)).limit(1))[0];
  return found && flatten(found);
}

export async function listCannedResponses(db: Executor, actor: Actor, q: ListCannedResponsesQuery): Promise<CannedResponseRow[]> {
  const search = cleanSearch(q.q);
  const pattern = search ? containsPattern(search) : undefined;
  const page = keyset(cr.id, q.cursor, [
    visibleTo(actor),
    pattern
      ? or(sql`lower(${cr.title}) like ${pattern}`, sql`lower(${cr.bodyText}) like ${pattern}`, sql`lower(${cr.shortcut}) like ${pattern}`)
      : undefined,
    q.category ? eq(cr.category, q.category) : undefined,
    q.scope ? eq(cr.scope, q.scope) : undefined,
    q.locale ? or(eq(cr.locale, q.locale), isNull(cr.locale)) : undefined,
    q.ownerId ? eq(cr.ownerId, q.ownerId) : undefined,
  ]);
  const rows = await withOwner(db).where(page.where).orderBy(page.orderBy).limit(q.limit + 1);
  return rows.map(flatten);
}

export async function categoryCounts(db: Executor, actor: Actor, max: number) {
  const n = count();
  return db
    .select({ category: sql<string>`${cr.category}`, count: n })
    .from(cr)
    .where(and(visibleTo(actor), isNotNull(cr.category)))
    .groupBy(cr.category)
    .orderBy(sql`count(*) desc`, cr.category)
    .limit(max);
}

export const insertCannedResponse = async (db: Executor, row: typeof cr.$inferInsert) => (await db.insert(cr).values(row).returning())[0]!;
export const updateCannedResponseRow = async (db: Executor, id: string, patch: Partial<typeof cr.$inferInsert>) =>
  (await db.update(cr).set(patch).where(eq(cr.id, id)).returning())[0]!;
export const deleteCannedResponseRow = (db: Executor, id: string) => db.delete(cr).where(eq(cr.id, id));

/** Atomic, so concurrent uses by many agents each count. */
export const incrementUsage = (db: Executor, id: string) =>
  db.update(cr).set({ usageCount: sql`${cr.usageCount} + 1` }).where(eq(cr.id, id));
