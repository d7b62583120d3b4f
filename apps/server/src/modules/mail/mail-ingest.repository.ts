import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.js';
import { attachments } from '../attachments/index.js';
import { tickets } from '../tickets/index.js';
import { mailMessages, mailSyncState, ticketParticipants } from './mail.tables.js';

export type MailMessageRow = typeof mailMessages.$inferSelect;

export const findByMessageId = async (db: Executor, messageId: string) =>
  (await db.select().from(mailMessages).where(eq(mailMessages.messageId, messageId)).limit(1))[0];

/** Stored or sent messages among `ids` (Message-IDs): the message itself (dedupe) and those it answers (threading). */
export async function findByMessageIds(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return db.select().from(mailMessages).where(inArray(mailMessages.messageId, [...new Set(ids)]));
}

export const findByContentHash = async (db: Executor, hash: string) =>
  (await db.select().from(mailMessages).where(and(isNull(mailMessages.messageId), eq(mailMessages.contentHash, hash))).limit(1))[0];

export const ticketIdByNumber = async (db: Executor, number: number) =>
  (await db.select({ id: tickets.id }).from(tickets).where(eq(tickets.number, number)).limit(1))[0]?.id;

export async function isParticipant(db: Executor, ticketId: string, customerId: string) {
  const rows = await db
    .select({ one: sql<number>`1` })
    .from(ticketParticipants)
    .where(and(eq(ticketParticipants.ticketId, ticketId), eq(ticketParticipants.customerId, customerId)))
    .limit(1);
  return rows.length > 0;
}

export async function addParticipants(db: Executor, ticketId: string, rows: { customerId: string; role: 'requester' | 'cc' }[], now: Date) {
  if (rows.length === 0) return;
  await db
    .insert(ticketParticipants)
    .values(rows.map((r) => ({ ticketId, customerId: r.customerId, role: r.role, createdAt: now })))
    .onConflictDoNothing();
}

export const insertMailMessage = async (db: Executor, row: typeof mailMessages.$inferInsert) =>
  (await db.insert(mailMessages).values(row).returning())[0]!;

export async function insertMailAttachments(db: Executor, rows: (typeof attachments.$inferInsert)[]) {
  if (rows.length) await db.insert(attachments).values(rows);
}

/** IMAP progress moves forward only, in the transaction that stored the message. */
export async function advanceSync(db: Executor, p: { mailboxId: string; folder: string; uidValidity: number; uid: number }, now: Date) {
  await db
    .insert(mailSyncState)
    .values({ mailboxId: p.mailboxId, folder: p.folder, uidValidity: p.uidValidity, lastUid: p.uid, updatedAt: now })
    .onConflictDoUpdate({
      target: [mailSyncState.mailboxId, mailSyncState.folder],
      set: {
        lastUid: sql`case when ${mailSyncState.uidValidity} = excluded.uid_validity then greatest(${mailSyncState.lastUid}, excluded.last_uid) else excluded.last_uid end`,
        uidValidity: sql`excluded.uid_validity`,
        updatedAt: now,
      },
    });
}

export const findMailMessage = async (db: Executor, id: string) =>
  (await db.select().from(mailMessages).where(eq(mailMessages.id, id)).limit(1))[0];
