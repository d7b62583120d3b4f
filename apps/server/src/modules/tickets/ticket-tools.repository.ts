import { and, count, eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.js';
import { attachments } from '../attachments/index.js';
import { ticketEvents, ticketMessages } from './tickets.tables.js';

/** A merge carries the whole conversation and history over to the surviving ticket. */
export async function moveConversation(db: Executor, fromId: string, toId: string) {
  const messages = await db.update(ticketMessages).set({ ticketId: toId }).where(eq(ticketMessages.ticketId, fromId)).returning({ id: ticketMessages.id });
  const events = await db.update(ticketEvents).set({ ticketId: toId }).where(eq(ticketEvents.ticketId, fromId)).returning({ id: ticketEvents.id });
  // Files follow their messages: downloads are checked against the ticket they now belong to.
  await db.update(attachments).set({ ticketId: toId }).where(eq(attachments.ticketId, fromId));
  return { messages: messages.length, events: events.length };
}

export async function findTicketMessage(db: Executor, ticketId: string, messageId: string) {
  const rows = await db.select().from(ticketMessages).where(and(eq(ticketMessages.id, messageId), eq(ticketMessages.ticketId, ticketId))).limit(1);
  return rows[0];
}

export async function countTicketMessages(db: Executor, ticketId: string) {
  const [row] = await db.select({ n: count() }).from(ticketMessages).where(eq(ticketMessages.ticketId, ticketId));
  return row?.n ?? 0;
}

export async function moveMessage(db: Executor, messageId: string, toId: string) {
  await db.update(ticketMessages).set({ ticketId: toId }).where(eq(ticketMessages.id, messageId));
  await db.update(attachments).set({ ticketId: toId }).where(eq(attachments.messageId, messageId));
}
