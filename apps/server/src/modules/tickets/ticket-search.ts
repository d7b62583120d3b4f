import { and, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.js';
import { searchMatches, snippet } from '../../platform/search/index.js';
import { isStaff, type Actor, type RequestContext } from '../auth/index.js';
import { customerIdentities } from '../customers/index.js';
import * as repo from './tickets.repository.js';
import { ticketMessages, tickets } from './tickets.tables.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Messages a searcher may match on: customers never find tickets through staff's internal notes. */
const searchableMessages = (actor: Actor) => (isStaff(actor) ? undefined : eq(ticketMessages.internal, false));

/** Subject or any (visible) message matches; Chinese segmented, English stemmed. */
export function ticketTextMatch(actor: Actor, q: string): SQL | undefined {
  const subject = searchMatches(tickets.searchVector, q);
  const message = searchMatches(ticketMessages.searchVector, q);
  if (!subject || !message) return sql`false`;
  return or(
    subject,
    inArray(tickets.id, sql`(select ${ticketMessages.ticketId} from ${ticketMessages} where ${and(message, searchableMessages(actor))})`),
  );
}

/** A ticket number (`#10042` or `10042`) or a customer's email typed into search goes straight there. */
export async function findJumpTarget(db: Executor, ctx: RequestContext, q: string) {
  const number = /^#?(\d{1,15})$/.exec(q)?.[1];
  if (number) {
    const hit = await repo.findTicketByNumber(db, ctx.actor, Number(number));
    if (hit) return { kind: 'ticket' as const, id: hit.id };
  }
  if (isStaff(ctx.actor) && EMAIL.test(q)) {
    const [hit] = await db
      .select({ id: customerIdentities.customerId })
      .from(customerIdentities)
      .where(and(eq(customerIdentities.kind, 'email'), eq(customerIdentities.normalized, q.toLowerCase())))
      .limit(1);
    if (hit) return { kind: 'customer' as const, id: hit.id };
  }
  return null;
}

/** For each ticket on the page: the subject if it matched, else the first matching message, highlighted. */
export async function searchSnippets(db: Executor, actor: Actor, page: repo.TicketRow[], q: string) {
  const out = new Map<string, string>();
  if (page.length === 0) return out;
  const message = searchMatches(ticketMessages.searchVector, q);
  const hits = message
    ? await db
      .selectDistinctOn([ticketMessages.ticketId], { ticketId: ticketMessages.ticketId, text: ticketMessages.bodyText })
      .from(ticketMessages)
      .where(and(inArray(ticketMessages.ticketId, page.map((t) => t.id)), message, searchableMessages(actor)))
      .orderBy(ticketMessages.ticketId, ticketMessages.id)
    : [];
  const bodies = new Map(hits.map((h) => [h.ticketId, h.text]));
  for (const t of page) {
    const subjectHit = snippet(t.subject, q);
    out.set(t.id, subjectHit.includes('<mark>') || !bodies.has(t.id) ? subjectHit : snippet(bodies.get(t.id)!, q));
  }
  return out;
}
