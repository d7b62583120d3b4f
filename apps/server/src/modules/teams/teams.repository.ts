import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { PageQuery } from '@kefu/contracts';
import type { Executor } from '../../platform/db/client.js';
import { cleanSearch, containsPattern, groupUnder, keyset } from '../../platform/db/pagination.js';
import { users } from '../users/users.tables.js';
import { teamMembers, teams } from './teams.tables.js';

export type TeamRow = typeof teams.$inferSelect;

export const findTeam = async (db: Executor, id: string) => (await db.select().from(teams).where(eq(teams.id, id)).limit(1))[0];

export function listTeams(db: Executor, q: PageQuery) {
  const search = cleanSearch(q.q);
  const page = keyset(teams.id, q.cursor, [search ? sql`lower(${teams.name}) like ${containsPattern(search)}` : undefined]);
  return db.select().from(teams).where(page.where).orderBy(page.orderBy).limit(q.limit + 1);
}

export async function memberIdsByTeam(db: Executor, teamIds: string[]) {
  const rows = teamIds.length ? await db.select().from(teamMembers).where(inArray(teamMembers.teamId, teamIds)) : [];
  return groupUnder(teamIds, rows, (r) => r.teamId, (r) => r.userId);
}

export async function setMembers(db: Executor, teamId: string, userIds: string[]) {
  await db.delete(teamMembers).where(eq(teamMembers.teamId, teamId));
  if (userIds.length) await db.insert(teamMembers).values(userIds.map((userId) => ({ teamId, userId })));
}

/** Members must be staff: a customer login can never be put on a team. */
export async function countStaff(db: Executor, userIds: string[]) {
  if (userIds.length === 0) return 0;
  const rows = await db.select({ id: users.id }).from(users).where(and(inArray(users.id, userIds), ne(users.role, 'customer')));
  return rows.length;
}

export const insertTeam = async (db: Executor, row: typeof teams.$inferInsert) => (await db.insert(teams).values(row).returning())[0]!;
export const updateTeamRow = async (db: Executor, id: string, patch: Partial<typeof teams.$inferInsert>) =>
  (await db.update(teams).set(patch).where(eq(teams.id, id)).returning())[0]!;
export const deleteTeamRow = (db: Executor, id: string) => db.delete(teams).where(eq(teams.id, id));
