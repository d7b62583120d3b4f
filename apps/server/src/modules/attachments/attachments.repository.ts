import { and, asc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.js';
import { ticketMessages } from '../tickets/tickets.tables.js';
import { attachments } from './attachments.tables.js';

export type AttachmentRow = typeof attachments.$inferSelect;

export const insertAttachment = async (db: Executor, row: typeof attachments.$inferInsert) =>
  (await db.insert(attachments).values(row).returning())[0]!;

/** One attachment with whether the message it is linked to is an internal note. */
export async function findAttachment(db: Executor, id: string) {
  const rows = await db
    .select({ attachment: attachments, internal: ticketMessages.internal })
    .from(attachments)
    .leftJoin(ticketMessages, eq(ticketMessages.id, attachments.messageId))
    .where(eq(attachments.id, id))
    .limit(1);
  return rows[0];
}

/** Locks the rows about to be linked, so two messages cannot claim the same upload. */
export const lockAttachments = (db: Executor, ids: string[]) =>
  db.select().from(attachments).where(inArray(attachments.id, ids)).for('update');

export const linkRows = (db: Executor, ids: string[], target: { ticketId: string; messageId: string }) =>
  db.update(attachments).set(target).where(and(inArray(attachments.id, ids), isNull(attachments.messageId))).returning();

export const attachmentsOfMessageIds = (db: Executor, messageIds: string[]) =>
  db.select().from(attachments).where(inArray(attachments.messageId, messageIds)).orderBy(asc(attachments.id));

/**
 * Serializes, per content hash, recording an upload against deleting the blob: whoever comes second
 * sees what the first did (the new row, or the blob gone). Held until the transaction ends.
 */
const blobLockKey = (sha256: string) => `kefu-blob:${sha256}`;

export const lockBlob = (db: Executor, sha256: string) =>
  db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${blobLockKey(sha256)}, 0))`);

/**
 * The same lock for several blobs in one statement (a stored email and its attachments): sorted, so
 * two writers sharing bytes cannot deadlock; the list travels as JSON, which drizzle does not spread
 * into separate parameters.
 */
export async function lockBlobs(db: Executor, sha256s: string[]) {
  const keys = [...new Set(sha256s)].sort().map(blobLockKey);
  await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(k, 0)) from jsonb_array_elements_text(${JSON.stringify(keys)}::jsonb) with ordinality as u(k, n) order by n`);
}

/** The oldest uploads never attached to a message, created before `cutoff`. */
export const staleUploads = (db: Executor, cutoff: Date, limit: number) =>
  db
    .select({ id: attachments.id, sha256: attachments.sha256 })
    .from(attachments)
    .where(and(isNull(attachments.messageId), lt(attachments.createdAt, cutoff)))
    .orderBy(asc(attachments.createdAt))
    .limit(limit);

/** Locks one upload if it is still unattached and stale; undefined when gone, attached or held elsewhere. */
export async function lockStaleUpload(db: Executor, id: string, cutoff: Date) {
  const rows = await db
    .select({ id: attachments.id })
    .from(attachments)
    .where(and(eq(attachments.id, id), isNull(attachments.messageId), lt(attachments.createdAt, cutoff)))
    .for('update', { skipLocked: true })
    .limit(1);
  return rows[0];
}

export const deleteAttachment = (db: Executor, id: string) => db.delete(attachments).where(eq(attachments.id, id));

/**
 * Whether any row still points at these bytes: an attachment, a stored email's raw .eml
 * (`mail_messages.raw_blob_key`) or a knowledge-base document (`kb_attachments`); the last two are
 * named in SQL, as those modules build on this one, not the reverse.
 */
export async function isBlobReferenced(db: Executor, sha256: string): Promise<boolean> {
  const rows = await db.execute<{ one: number }>(sql`select 1 as one from ${attachments} where ${attachments.sha256} = ${sha256}
    union all select 1 from mail_messages where raw_blob_key = ${sha256}
    union all select 1 from kb_attachments where sha256 = ${sha256} limit 1`);
  return rows.rows.length > 0;
}
