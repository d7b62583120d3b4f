import { and, count, eq, inArray, ne, or, sql } from 'drizzle-orm';
import { staffRoles, type ListUsersQuery } from '@kefu/contracts';
import type { Executor } from '../../platform/db/client.js';
import { cleanSearch, containsPattern, groupUnder, keyset } from '../../platform/db/pagination.js';
import { teamMembers } from '../teams/teams.tables.js';
import { users } from './users.tables.js';

export type UserRow = typeof users.$inferSelect;

export const findUser = async (db: Executor, id: string) =>
  (await db.select().from(users).where(eq(users.id, id)).limit(1))[0];

export const findStaffUser = async (db: Executor, id: string) =>
  (await db.select().from(users).where(and(eq(users.id, id), inArray(users.role, [...staffRoles]))).limit(1))[0];

export async function listStaff(db: Executor, q: ListUsersQuery) {
  const search = cleanSearch(q.q);
  const page = keyset(users.id, q.cursor, [
    inArray(users.role, q.role ? [q.role] : [...staffRoles]),
    q.active === undefined ? undefined : eq(users.active, q.active),
    q.teamId
      ? inArray(users.id, db.select({ id: teamMembers.userId }).from(teamMembers).where(eq(teamMembers.teamId, q.teamId)))
      : undefined,
    search
      ? or(sql`lower(${users.name}) like ${containsPattern(search)}`, sql`lower(${users.email}) like ${containsPattern(search)}`)
      : undefined,
  ]);
  return db.select().from(users).where(page.where).orderBy(page.orderBy).limit(q.limit + 1);
}

export async function teamIdsByUser(db: Executor, userIds: string[]) {
  const rows = userIds.length ? await db.select().from(teamMembers).where(inArray(teamMembers.userId, userIds)) : [];
  return groupUnder(userIds, rows, (r) => r.userId, (r) => r.teamId);
}

export async function setUserTeams(db: Executor, userId: string, teamIds: string[]) {
  await db.delete(teamMembers).where(eq(teamMembers.userId, userId));
  if (teamIds.length) await db.insert(teamMembers).values(teamIds.map((teamId) => ({ teamId, userId })));
}

export const insertUser = async (db: Executor, row: typeof users.$inferInsert) =>
  (await db.insert(users).values(row).returning())[0]!;

export const updateUserRow = async (db: Executor, id: string, patch: Partial<typeof users.$inferInsert>) =>
  (await db.update(users).set(patch).where(eq(users.id, id)).returning())[0]!;

export async function countOtherActiveAdmins(db: Executor, exceptId: string) {
  const [row] = await db
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.role, 'admin'), eq(users.active, true), ne(users.id, exceptId)));
  return row?.n ?? 0;
}

export async function countAdmins(db: Executor) {
  const [row] = await db.select({ n: count() }).from(users).where(eq(users.role, 'admin'));
  return row?.n ?? 0;
}
