import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.js';
import { customFields } from './custom-fields.tables.js';

export type CustomFieldRow = typeof customFields.$inferSelect;
export type CustomFieldInsert = typeof customFields.$inferInsert;

/** Fields are few (a form's worth), so reads take them all in form order. */
export const listAllFields = (db: Executor) => db.select().from(customFields).orderBy(asc(customFields.position), asc(customFields.id));

export const findField = async (db: Executor, id: string) => (await db.select().from(customFields).where(eq(customFields.id, id)).limit(1))[0];
export const findFieldByKey = async (db: Executor, key: string) =>
  (await db.select({ id: customFields.id }).from(customFields).where(eq(customFields.key, key)).limit(1))[0];
export const findFieldsByIds = (db: Executor, ids: string[]) => db.select().from(customFields).where(inArray(customFields.id, ids));

export async function nextPosition(db: Executor): Promise<number> {
  const [row] = await db.select({ max: sql<number | null>`max(${customFields.position})` }).from(customFields);
  return row?.max === null || row?.max === undefined ? 0 : Number(row.max) + 1;
}

export const insertField = async (db: Executor, row: CustomFieldInsert) => (await db.insert(customFields).values(row).returning())[0]!;
export const updateFieldRow = async (db: Executor, id: string, patch: Partial<CustomFieldInsert>) =>
  (await db.update(customFields).set(patch).where(eq(customFields.id, id)).returning())[0]!;
export const deleteFieldRow = (db: Executor, id: string) => db.delete(customFields).where(eq(customFields.id, id));
export const setPosition = (db: Executor, id: string, position: number, now: Date) =>
  db.update(customFields).set({ position, updatedAt: now }).where(eq(customFields.id, id));

/** Serialises definition changes, so two reorders (or a reorder and a create) cannot interleave positions. */
export const lockFields = (db: Executor) => db.execute(sql`select pg_advisory_xact_lock(hashtext('kefu.custom_fields'))`);
