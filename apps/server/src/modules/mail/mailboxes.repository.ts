import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { PageQuery } from '@kefu/contracts';
import type { Executor } from '../../platform/db/client.js';
import { cleanSearch, containsPattern, keyset } from '../../platform/db/pagination.js';
import { mailboxes } from './mail.tables.js';

export type MailboxRow = typeof mailboxes.$inferSelect;
export type MailboxInsert = typeof mailboxes.$inferInsert;

export async function findMailbox(db: Executor, id: string, lock = false) {
  const q = db.select().from(mailboxes).where(eq(mailboxes.id, id)).limit(1);
  return (await (lock ? q.for('update') : q))[0];
}

/** The active mailbox that receives mail for `address` (stored lower-cased). */
export const findMailboxByAddress = async (db: Executor, address: string) =>
  (await db.select().from(mailboxes).where(and(eq(mailboxes.address, address.toLowerCase()), eq(mailboxes.active, true))).limit(1))[0];

export function listMailboxes(db: Executor, q: PageQuery) {
  const search = cleanSearch(q.q);
  const page = keyset(mailboxes.id, q.cursor, [
    search ? sql`(lower(${mailboxes.name}) like ${containsPattern(search)} or ${mailboxes.address} like ${containsPattern(search)})` : undefined,
  ]);
  return db.select().from(mailboxes).where(page.where).orderBy(page.orderBy).limit(q.limit + 1);
}

export const insertMailbox = async (db: Executor, row: MailboxInsert) => (await db.insert(mailboxes).values(row).returning())[0]!;
export const updateMailboxRow = async (db: Executor, id: string, patch: Partial<MailboxInsert>) =>
  (await db.update(mailboxes).set(patch).where(eq(mailboxes.id, id)).returning())[0];
export const deleteMailboxRow = (db: Executor, id: string) => db.delete(mailboxes).where(eq(mailboxes.id, id));

/** Only one default: setting it moves the flag off the previous one. */
export const clearDefault = (db: Executor, exceptId: string) =>
  db.update(mailboxes).set({ isDefault: false }).where(and(eq(mailboxes.isDefault, true), sql`${mailboxes.id} <> ${exceptId}`));

/** Active mailboxes, the default first, then by name. */
export const activeMailboxes = (db: Executor) =>
  db.select().from(mailboxes).where(eq(mailboxes.active, true)).orderBy(desc(mailboxes.isDefault), asc(mailboxes.name)).limit(500);
