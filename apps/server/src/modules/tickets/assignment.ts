import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.js';
import { teamMembers } from '../teams/index.js';
import { users } from '../users/index.js';
import { teamAssignmentCursors, tickets } from './tickets.tables.js';

const OPEN_WORK = ['new', 'open', 'pending', 'on_hold'] as const;

/** Active agents and supervisors of a team who are not marked away, in a stable order. */
async function availableMembers(tx: Executor, teamId: string) {
  return tx
    .select({ id: users.id })
    .from(teamMembers)
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .where(and(eq(teamMembers.teamId, teamId), eq(users.active, true), eq(users.away, false), inArray(users.role, ['agent', 'supervisor'])))
    .orderBy(asc(users.id));
}

/**
 * Picks the owner for a ticket entering a team, by the team's mode: round-robin (the next member
 * after the last one chosen, under a row lock so concurrent tickets take turns) or least open work.
 * Manual teams, and teams with nobody available, leave the ticket unassigned.
 */
export async function pickAssignee(tx: Executor, teamId: string, mode: 'round_robin' | 'least_open'): Promise<string | null> {
  const members = (await availableMembers(tx, teamId)).map((m) => m.id);
  if (members.length === 0) return null;
  if (mode === 'least_open') {
    const load = await tx
      .select({ id: tickets.assigneeId, n: count() })
      .from(tickets)
      .where(and(inArray(tickets.assigneeId, members), inArray(tickets.status, [...OPEN_WORK])))
      .groupBy(tickets.assigneeId);
    const open = new Map(load.map((l) => [l.id, l.n]));
    return members.reduce((best, id) => ((open.get(id) ?? 0) < (open.get(best) ?? 0) ? id : best), members[0]!);
  }
  await tx.insert(teamAssignmentCursors).values({ teamId }).onConflictDoNothing();
  const [cursor] = await tx
    .select({ last: teamAssignmentCursors.lastUserId })
    .from(teamAssignmentCursors)
    .where(eq(teamAssignmentCursors.teamId, teamId))
    .for('update');
  const next = members.find((id) => cursor?.last == null || id > cursor.last) ?? members[0]!;
  await tx.update(teamAssignmentCursors).set({ lastUserId: next, updatedAt: sql`now()` }).where(eq(teamAssignmentCursors.teamId, teamId));
  return next;
}

/** An assignee must be active staff; on a team ticket, a member of that team. */
export async function assertAssignable(tx: Executor, userId: string, teamId: string | null): Promise<boolean> {
  const [u] = await tx.select({ role: users.role, active: users.active }).from(users).where(eq(users.id, userId)).limit(1);
  if (!u || !u.active || u.role === 'customer') return false;
  if (!teamId) return true;
  const [m] = await tx.select({ u: teamMembers.userId }).from(teamMembers).where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId))).limit(1);
  return Boolean(m);
}
