import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.js';
import { businessCalendars } from './business-calendars.tables.js';

export type BusinessCalendarRow = typeof businessCalendars.$inferSelect;
export type BusinessCalendarInsert = typeof businessCalendars.$inferInsert;
export type BusinessCalendarPatch = Partial<Omit<BusinessCalendarInsert, 'id' | 'createdAt' | 'version'>>;

/** Calendars are few (one per region or service line), so lists take them all: the default first. */
export const listAllCalendars = (db: Executor) =>
  db.select().from(businessCalendars).orderBy(desc(businessCalendars.isDefault), asc(sql`lower(${businessCalendars.name})`), asc(businessCalendars.id));

export async function findCalendar(db: Executor, id: string, forUpdate = false) {
  const query = db.select().from(businessCalendars).where(eq(businessCalendars.id, id)).limit(1);
  return (await (forUpdate ? query.for('update') : query))[0];
}

export const findDefaultCalendar = async (db: Executor) =>
  (await db.select().from(businessCalendars).where(eq(businessCalendars.isDefault, true)).limit(1))[0];

export const findCalendarByName = async (db: Executor, name: string) =>
  (await db.select({ id: businessCalendars.id }).from(businessCalendars).where(sql`lower(${businessCalendars.name}) = lower(${name})`).limit(1))[0];

export const insertCalendar = async (db: Executor, row: BusinessCalendarInsert) => (await db.insert(businessCalendars).values(row).returning())[0]!;

/** Writes a change only if nobody wrote since `version` was read; returns undefined otherwise. */
export const updateCalendarRow = async (db: Executor, id: string, version: number, patch: BusinessCalendarPatch) =>
  (await db.update(businessCalendars).set({ ...patch, version: version + 1 }).where(and(eq(businessCalendars.id, id), eq(businessCalendars.version, version))).returning())[0];

export const deleteCalendarRow = (db: Executor, id: string) => db.delete(businessCalendars).where(eq(businessCalendars.id, id));

/**
 * Serialises calendar writes (they are rare admin actions). Taken first in every write, before any
 * row lock, so moving the default never deadlocks and two admins making two calendars the default
 * one after the other end with the later one, never with a unique-index error.
 */
export const lockCalendars = (db: Executor) => db.execute(sql`select pg_advisory_xact_lock(hashtext('kefu.business_calendars'))`);
