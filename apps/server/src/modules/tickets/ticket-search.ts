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

/*
 * Why a search runs in steps. A ticket matches on its subject or any visible message, and results
 * come in the list's order (updated, created, priority), not by relevance. Over a million messages
 * the fast query depends on how many tickets match, which nobody knows ahead:
 * - a common term (退款, in one message of eight) is found by walking the list in order and probing
 *   each ticket's messages (a few µs a ticket): the page fills within a few hundred tickets, while
 *   gathering every match first costs a heap visit for each of 100,000+ messages (half a second);
 * - a rare term, or one nobody wrote, is the other way round: the walk would probe every ticket,
 *   and the GIN index hands over its few thousand matches at once.
 * PostgreSQL cannot choose for us: a subquery under OR has no row estimate, and a multi-word
 * query's estimate assumes its words independent (发货 & 延迟 comes out ten times too low). So the
 * search measures instead:
 * 1. walk the first WALK tickets of the list; a full page means done (common terms);
 * 2. their share of hits tells both how far the walk must go for a page and how many matches the
 *    whole table holds; the cheaper one wins, a gathered match costing GATHER_COST walked tickets
 *    (a random heap visit, then the ticket's own);
 * 3. gathering takes the messages' ticket ids through the GIN index and lists those tickets or
 *    subject matches (rare terms); past GATHER ids the recent tickets misled us: walk after all.
 */
const WALK = 1000;
const GATHER_COST = 2;
const GATHER = 5000;

/**
 * How many tickets the listing holds, counted up to `upTo`, and how many the table holds by
 * PostgreSQL's own estimate (from the last ANALYZE; no count(*) over a million rows).
 */
async function sizes(db: Executor, where: SQL | undefined, upTo: number) {
  const listed = db.select({ one: sql`1` }).from(tickets).where(where).limit(upTo);
  const { rows } = await db.execute<{ listed: number; total: number }>(sql`select
    (select count(*) from (${listed}) as listed)::int as listed,
    (select reltuples::float8 from pg_class where oid = 'tickets'::regclass) as total`);
  return { listed: Number(rows[0]!.listed), total: Math.max(0, Number(rows[0]!.total)) };
}

/**
 * Lists the tickets whose subject or any (visible) message matches; Chinese segmented, English
 * stemmed. `steps` sets the constants above (tests change them to take every step).
 */
export function ticketTextMatch(actor: Actor, q: string, steps = { walk: WALK, gatherCost: GATHER_COST, gather: GATHER }): repo.TextSearch {
  const subject = searchMatches(tickets.searchVector, q);
  const inMessage = searchMatches(ticketMessages.searchVector, q);
  if (!subject || !inMessage) return async () => [];
  const message = and(inMessage, searchableMessages(actor)) ?? inMessage;
  // OFFSET 0 keeps this a probe of one ticket's messages (ticket_messages_ticket_idx): without it
  // PostgreSQL may hash every matching message first, the very cost the walk is there to avoid.
  const matches = or(subject, sql`exists (select 1 from ${ticketMessages} where ${ticketMessages.ticketId} = ${tickets.id} and ${message} offset 0)`);
  return async (db, { where, order, limit }) => {
    // The subquery takes the table's name, so `where`, `order` and `matches` read its columns.
    const head = db.select().from(tickets).where(where).orderBy(...order).limit(steps.walk).as('tickets');
    const walked = await db.select().from(head).where(matches).orderBy(...order).limit(limit);
    if (walked.length === limit) return walked;
    const walkAll = () => db.select().from(tickets).where(and(where, matches)).orderBy(...order).limit(limit);

    const { listed, total } = await sizes(db, where, steps.walk);
    if (listed < steps.walk) return walked; // the walk went through the whole list

    const hits = walked.length;
    const toWalk = hits > 0 ? ((limit - hits) * steps.walk) / hits : Infinity;
    const toGather = (((hits + 1) * total) / steps.walk) * steps.gatherCost;
    if (toWalk <= toGather) return walkAll();

    const byMessage = await db.select({ id: ticketMessages.ticketId }).from(ticketMessages).where(message).limit(steps.gather);
    if (byMessage.length === steps.gather) return walkAll();
    // One array parameter, not a value list of thousands; with the subject's GIN index the planner
    // can OR both into one bitmap.
    const ids = [...new Set(byMessage.map((r) => r.id))];
    const anyOf = ids.length > 0 ? sql`${tickets.id} = any(${`{${ids.join(',')}}`}::uuid[])` : undefined;
    return db.select().from(tickets).where(and(where, or(subject, anyOf))).orderBy(...order).limit(limit);
  };
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
  for (const t of page) out.set(t.id, snippet(t.subject, q));
  const rest = page.filter((t) => !out.get(t.id)!.includes('<mark>')).map((t) => t.id);
  const message = searchMatches(ticketMessages.searchVector, q);
  if (rest.length === 0 || !message) return out;
  // IS TRUE keeps the GIN index out of this: the page's few messages come by ticket id, while a
  // common term's index entries (100,000+) would cost more to read than the messages themselves.
  const hits = await db
    .selectDistinctOn([ticketMessages.ticketId], { ticketId: ticketMessages.ticketId, text: ticketMessages.bodyText })
    .from(ticketMessages)
    .where(and(inArray(ticketMessages.ticketId, rest), sql`(${message}) is true`, searchableMessages(actor)))
    .orderBy(ticketMessages.ticketId, ticketMessages.id);
  for (const h of hits) out.set(h.ticketId, snippet(h.text, q));
  return out;
}
