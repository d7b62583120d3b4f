import { and, asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.js';
import { businessCalendars } from './business-calendars.tables.js';
import { slaPolicies } from './sla-policies.tables.js';

export type SlaPolicyRow = typeof slaPolicies.$inferSelect;
type NewSlaPolicy = typeof slaPolicies.$inferInsert;

export const listPolicies = (db: Executor) => db.select().from(slaPolicies).orderBy(asc(slaPolicies.position), asc(slaPolicies.id));

export const listActivePolicies = (db: Executor) =>
  db.select().from(slaPolicies).where(eq(slaPolicies.active, true)).orderBy(asc(slaPolicies.position), asc(slaPolicies.id));

export async function findPolicy(db: Executor, id: string) {
  return (await db.select().from(slaPolicies).where(eq(slaPolicies.id, id)).limit(1))[0];
}

export async function findPolicyByName(db: Executor, name: string) {
  return (await db.select({ id: slaPolicies.id }).from(slaPolicies).where(sql`lower(${slaPolicies.name}) = lower(${name})`).limit(1))[0];
}

export async function calendarExists(db: Executor, id: string) {
  return (await db.select({ id: businessCalendars.id }).from(businessCalendars).where(eq(businessCalendars.id, id)).limit(1)).length > 0;
}

/** Serializes position changes: two creations at once must not take the same place. */
export const lockPolicies = (tx: Executor) => tx.execute(sql`select pg_advisory_xact_lock(${0x6b656f01})`);

export async function nextPosition(tx: Executor) {
  const [row] = await tx.select({ max: sql<number | null>`max(${slaPolicies.position})` }).from(slaPolicies);
  return (row?.max ?? 0) + 1;
}

export async function insertPolicy(tx: Executor, values: NewSlaPolicy) {
  return (await tx.insert(slaPolicies).values(values).returning())[0]!;
}

/** Writes only if the row is still at `version` (optimistic concurrency); undefined otherwise. */
export async function updatePolicyRow(tx: Executor, id: string, version: number, values: Partial<NewSlaPolicy>) {
  const rows = await tx
    .update(slaPolicies)
    .set({ ...values, version: sql`${slaPolicies.version} + 1` })
    .where(and(eq(slaPolicies.id, id), eq(slaPolicies.version, version)))
    .returning();
  return rows[0];
}

export async function setPosition(tx: Executor, id: string, position: number) {
  await tx.update(slaPolicies).set({ position }).where(eq(slaPolicies.id, id));
}

export async function deletePolicy(tx: Executor, id: string) {
  return (await tx.delete(slaPolicies).where(eq(slaPolicies.id, id)).returning({ id: slaPolicies.id })).length > 0;
}
