import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
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
