import { eq, inArray } from 'drizzle-orm';
import type { TicketRating } from '@kefu/contracts';
import type { Executor } from '../../platform/db/client.js';
import { ticketRatings } from './tickets.tables.js';

export type TicketRatingRow = typeof ticketRatings.$inferSelect;

/** `ratedAt` is when the current score was given: a replaced rating counts from its replacement. */
export const presentRating = (r: TicketRatingRow): TicketRating => ({ score: r.score, comment: r.comment, ratedAt: r.updatedAt.toISOString() });

export async function findRating(db: Executor, ticketId: string): Promise<TicketRatingRow | undefined> {
  return (await db.select().from(ticketRatings).where(eq(ticketRatings.ticketId, ticketId)).limit(1))[0];
}

/** Each ticket's rating, for presenting tickets (a page of the queue, or one). */
export async function ratingsOf(db: Executor, ticketIds: string[]): Promise<Map<string, TicketRating>> {
  if (ticketIds.length === 0) return new Map();
  const rows = await db.select().from(ticketRatings).where(inArray(ticketRatings.ticketId, [...new Set(ticketIds)]));
  return new Map(rows.map((r) => [r.ticketId, presentRating(r)]));
}

/** One rating per ticket: a second one replaces the score and comment and keeps when it was first given. */
export async function upsertRating(db: Executor, row: { ticketId: string; customerId: string; score: number; comment: string | null; now: Date }) {
  const [saved] = await db
    .insert(ticketRatings)
    .values({ ticketId: row.ticketId, customerId: row.customerId, score: row.score, comment: row.comment, createdAt: row.now, updatedAt: row.now })
    .onConflictDoUpdate({ target: ticketRatings.ticketId, set: { customerId: row.customerId, score: row.score, comment: row.comment, updatedAt: row.now } })
    .returning();
  return saved!;
}
