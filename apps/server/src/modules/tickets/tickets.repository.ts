import { and, eq, gt, gte, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { PgInsertValue, PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { ListTicketsQuery } from '@kefu/contracts';
import type { Executor } from '../../platform/db/client.js';
import { cleanSearch, containsPattern } from '../../platform/db/pagination.js';
import { invalidField } from '../../platform/http/app-error.js';
import type { Actor } from '../auth/index.js';
import { customers } from '../customers/index.js';
import { organizations } from '../organizations/index.js';
import { teamMembers } from '../teams/index.js';
import { tickets } from './tickets.tables.js';

export type TicketRow = typeof tickets.$inferSelect;
/** Insert and update shapes that also accept SQL expressions (e.g. a search vector). */
export type TicketInsert = PgInsertValue<typeof tickets>;
export type TicketPatch = PgUpdateSetSource<typeof tickets>;

/**
 * The tickets an actor may see, as a WHERE clause: admins and supervisors all; agents their teams'
 * tickets, untriaged ones (no team) and their own; customers their own and, where the organization
 * shares, their organization's.
 */
export function visibleTo(actor: Actor): SQL | undefined {
  if (actor.role === 'admin' || actor.role === 'supervisor') return undefined;
  if (actor.role === 'agent') {
    return or(
      isNull(tickets.teamId),
      eq(tickets.assigneeId, actor.userId),
      inArray(tickets.teamId, sql`(select ${teamMembers.teamId} from ${teamMembers} where ${teamMembers.userId} = ${actor.userId})`),
    );
  }
  if (!actor.customerId) return sql`false`;
  return or(
    eq(tickets.requesterId, actor.customerId),
    inArray(
      tickets.organizationId,
      sql`(select ${customers.organizationId} from ${customers} join ${organizations} on ${organizations.id} = ${customers.organizationId}
           where ${customers.id} = ${actor.customerId} and ${organizations.sharedTickets})`,
    ),
  );
}

export async function findVisibleTicket(db: Executor, actor: Actor, id: string, lock = false) {
  const q = db.select().from(tickets).where(and(eq(tickets.id, id), visibleTo(actor))).limit(1);
  return (await (lock ? q.for('update') : q))[0];
}

export const findTicketByNumber = async (db: Executor, actor: Actor, number: number) =>
  (await db.select({ id: tickets.id }).from(tickets).where(and(eq(tickets.number, number), visibleTo(actor))).limit(1))[0];

type SortKey = ListTicketsQuery['sort'];
const sortColumns: Record<SortKey, (SQL | typeof tickets.id)[]> = {
  updated: [sql`${tickets.updatedAt}`, tickets.id],
  created: [sql`${tickets.createdAt}`, tickets.id],
  priority: [sql`${tickets.priorityRank}`, sql`${tickets.updatedAt}`, tickets.id],
};

/** A cursor holds the last row's sort values; rows after it compare lower on (sort…, id). */
export function encodeTicketCursor(sort: SortKey, row: TicketRow): string {
  const values = sort === 'priority' ? [row.priorityRank, row.updatedAt.toISOString(), row.id]
    : [(sort === 'updated' ? row.updatedAt : row.createdAt).toISOString(), row.id];
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

function afterCursor(sort: SortKey, cursor: string | undefined): SQL | undefined {
  if (!cursor) return undefined;
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidField('cursor', 'is not a cursor from a previous page');
  }
  const iso = (v: unknown) => typeof v === 'string' && !Number.isNaN(Date.parse(v));
  const uuid = (v: unknown) => typeof v === 'string' && /^[0-9a-f-]{36}$/.test(v);
  if (!Array.isArray(values)) throw invalidField('cursor', 'is not a cursor from a previous page');
  if (sort === 'priority') {
    const [rank, at, id] = values;
    if (!Number.isInteger(rank) || !iso(at) || !uuid(id)) throw invalidField('cursor', 'does not fit this sort');
    return sql`(${tickets.priorityRank}, ${tickets.updatedAt}, ${tickets.id}) < (${rank}, ${at}::timestamptz, ${id}::uuid)`;
  }
  const [at, id] = values;
  if (!iso(at) || !uuid(id)) throw invalidField('cursor', 'does not fit this sort');
  const col = sort === 'updated' ? tickets.updatedAt : tickets.createdAt;
  return sql`(${col}, ${tickets.id}) < (${at}::timestamptz, ${id}::uuid)`;
}

function customFieldFilter(cf: string | undefined): SQL | undefined {
  if (!cf) return undefined;
  const pairs = cf.split(',').map((p) => p.trim()).filter(Boolean);
  const match: Record<string, unknown> = {};
  for (const p of pairs) {
    const i = p.indexOf(':');
    if (i < 1) throw invalidField('cf', 'must be key:value pairs separated by commas');
    const raw = p.slice(i + 1);
    match[p.slice(0, i)] = raw === 'true' ? true : raw === 'false' ? false : /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
  }
  // Containment also matches a value inside a multi-select array when written as [value].
  return or(
    sql`${tickets.customFields} @> ${JSON.stringify(match)}::jsonb`,
    sql`${tickets.customFields} @> ${JSON.stringify(Object.fromEntries(Object.entries(match).map(([k, v]) => [k, [v]])))}::jsonb`,
  );
}

/**
 * A full-text search that runs the listing itself, given the rest of it: which query shape is fast
 * depends on how many tickets match (see ticket-search.ts), so it cannot be one more WHERE clause.
 */
export type TextSearch = (db: Executor, listing: { where: SQL | undefined; order: SQL[]; limit: number }) => Promise<TicketRow[]>;

export interface ListFilters extends ListTicketsQuery {
  /** Full-text search supplied by the caller (search module); falls back to subject LIKE. */
  textMatch?: TextSearch;
}

/** The listing's conditions: what the actor may see, narrowed by the filters (paging aside). */
function ticketWhere(actor: Actor, q: Omit<ListFilters, 'limit' | 'sort'> & { sort?: ListFilters['sort'] }) {
  const search = cleanSearch(q.q);
  return and(
    visibleTo(actor),
    isNull(tickets.mergedIntoId),
    q.status?.length ? inArray(tickets.status, q.status) : undefined,
    q.priority?.length ? inArray(tickets.priority, q.priority) : undefined,
    q.type?.length ? inArray(tickets.type, q.type) : undefined,
    q.channel?.length ? inArray(tickets.channel, q.channel) : undefined,
    q.category?.length ? inArray(tickets.complaintCategory, q.category) : undefined,
    q.teamId ? eq(tickets.teamId, q.teamId) : undefined,
    q.assignee === 'none' ? isNull(tickets.assigneeId) : q.assignee === 'me' ? eq(tickets.assigneeId, actor.userId) : q.assignee ? eq(tickets.assigneeId, q.assignee) : undefined,
    q.requesterId ? eq(tickets.requesterId, q.requesterId) : undefined,
    q.organizationId ? eq(tickets.organizationId, q.organizationId) : undefined,
    q.escalated === 'true' ? gt(tickets.escalationLevel, 0) : q.escalated === 'false' ? eq(tickets.escalationLevel, 0) : undefined,
    q.tag ? sql`${q.tag} = any(${tickets.tags})` : undefined,
    q.createdFrom ? gte(tickets.createdAt, new Date(q.createdFrom)) : undefined,
    q.createdTo ? lte(tickets.createdAt, new Date(q.createdTo)) : undefined,
    q.updatedFrom ? gte(tickets.updatedAt, new Date(q.updatedFrom)) : undefined,
    q.updatedTo ? lte(tickets.updatedAt, new Date(q.updatedTo)) : undefined,
    customFieldFilter(q.cf),
    !q.textMatch && search ? sql`lower(${tickets.subject}) like ${containsPattern(search)}` : undefined,
    q.sort && q.cursor ? afterCursor(q.sort, q.cursor) : undefined,
  );
}

export async function listTickets(db: Executor, actor: Actor, q: ListFilters) {
  const where = ticketWhere(actor, q);
  // NULLS LAST matches how the indexes are built, so the index supplies the order (no sort step).
  const order = sortColumns[q.sort].map((c) => sql`${c} desc nulls last`);
  if (q.textMatch) return q.textMatch(db, { where, order, limit: q.limit + 1 });
  return db.select().from(tickets).where(where).orderBy(...order).limit(q.limit + 1);
}

/** How many tickets a listing holds, counting no further than `cap` (a badge shows "999+"). */
export async function countTickets(db: Executor, actor: Actor, q: Omit<ListFilters, 'limit' | 'sort' | 'cursor' | 'q'>, cap: number) {
  const capped = db.select({ one: sql`1` }).from(tickets).where(ticketWhere(actor, q)).limit(cap + 1).as('capped');
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(capped);
  return row?.n ?? 0;
}

export const insertTicket = async (db: Executor, row: TicketInsert) => (await db.insert(tickets).values(row).returning())[0]!;

/** Writes a change only if nobody wrote since `version` was read; returns undefined otherwise. */
export async function updateTicketRow(db: Executor, id: string, version: number, patch: TicketPatch) {
  const rows = await db
    .update(tickets)
    .set({ ...patch, version: version + 1 })
    .where(and(eq(tickets.id, id), eq(tickets.version, version)))
    .returning();
  return rows[0];
}

/** Whether any ticket holds a value for custom field `key` (a used field is deactivated, not deleted). */
export async function ticketsUseCustomField(key: string, db: Executor): Promise<boolean> {
  const rows = await db.select({ id: tickets.id }).from(tickets).where(sql`${tickets.customFields} ? ${key}`).limit(1);
  return rows.length > 0;
}
