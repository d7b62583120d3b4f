import { and, asc, count, eq, or, sql } from 'drizzle-orm';
import type { SavedViewScope } from '@kefu/contracts';
import type { Executor } from '../../platform/db/client.js';
import type { Actor } from '../auth/index.js';
import { users } from '../users/index.js';
import { savedViews as sv } from './saved-views.tables.js';

export type SavedViewRow = typeof sv.$inferSelect & { ownerName: string | null };

const withOwner = (db: Executor) => db.select({ row: sv, ownerName: users.name }).from(sv).leftJoin(users, eq(users.id, sv.ownerId));
const flatten = (r: { row: typeof sv.$inferSelect; ownerName: string | null }): SavedViewRow => ({ ...r.row, ownerName: r.ownerName });

/** The caller's personal views and every shared one; shared first, each list in its own order. */
export async function listSavedViews(db: Executor, actor: Actor): Promise<SavedViewRow[]> {
  const rows = await withOwner(db)
    .where(or(eq(sv.scope, 'shared'), and(eq(sv.scope, 'personal'), eq(sv.ownerId, actor.userId))))
    .orderBy(sql`${sv.scope} = 'personal'`, asc(sv.position), asc(sv.id));
  return rows.map(flatten);
}

export async function findSavedView(db: Executor, id: string, lock = false): Promise<SavedViewRow | undefined> {
  const q = withOwner(db).where(eq(sv.id, id)).limit(1);
  const found = (await (lock ? q.for('update', { of: sv }) : q))[0];
  return found && flatten(found);
}

/** A list: the shared one, or one owner's personal views. */
const inList = (scope: SavedViewScope, ownerId: string) => (scope === 'shared' ? eq(sv.scope, 'shared') : and(eq(sv.scope, 'personal'), eq(sv.ownerId, ownerId)));

export async function listStats(db: Executor, scope: SavedViewScope, ownerId: string) {
  const [row] = await db.select({ n: count(), last: sql<number | null>`max(${sv.position})` }).from(sv).where(inList(scope, ownerId));
  return { count: row?.n ?? 0, nextPosition: row?.last === null || row?.last === undefined ? 0 : Number(row.last) + 1 };
}

export async function nameTaken(db: Executor, scope: SavedViewScope, ownerId: string, name: string, exceptId?: string) {
  const rows = await db
    .select({ id: sv.id })
    .from(sv)
    .where(and(inList(scope, ownerId), sql`lower(${sv.name}) = lower(${name})`, exceptId ? sql`${sv.id} <> ${exceptId}` : undefined))
    .limit(1);
  return rows.length > 0;
}

export const insertSavedView = async (db: Executor, row: typeof sv.$inferInsert) => (await db.insert(sv).values(row).returning())[0]!;
export const updateSavedViewRow = async (db: Executor, id: string, patch: Partial<typeof sv.$inferInsert>) =>
  (await db.update(sv).set(patch).where(eq(sv.id, id)).returning())[0]!;
export const deleteSavedViewRow = (db: Executor, id: string) => db.delete(sv).where(eq(sv.id, id));
