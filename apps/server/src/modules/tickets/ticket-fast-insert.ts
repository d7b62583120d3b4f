import { getTableColumns, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.js';
import { toSearchVector } from '../../platform/search/index.js';
import type { TicketRow } from './tickets.repository.js';
import { tickets } from './tickets.tables.js';

export interface FastTicket {
  id: string;
  subject: string;
  type: TicketRow['type'];
  channel: TicketRow['channel'];
  priority: TicketRow['priority'];
  requesterId: string;
  teamId: string | null;
  tags: string[];
  customFields: Record<string, unknown>;
  complaint: { category: string | null; impact: string | null; rootCause?: string; remedies?: string[]; remedyNote?: string };
  createdById: string;
  now: Date;
  message: { id: string; html: string; text: string } | null;
  event: { id: string; actorId: string; actorName: string; data: Record<string, unknown> };
}

export type FastResult =
  | { kind: 'created'; row: TicketRow; requesterName: string }
  | { kind: 'no_requester' }
  | { kind: 'no_team' }
  /** The team assigns automatically: the caller takes the transactional path. */
  | { kind: 'needs_assignment' };

const columns = Object.entries(getTableColumns(tickets));
// Arrays travel as JSON: drizzle would spread a JS array into a value list.

/** Maps a raw `tickets` row (database names, driver values) to drizzle's row shape. */
function toRow(raw: Record<string, unknown>): TicketRow {
  const out: Record<string, unknown> = {};
  for (const [key, col] of columns) {
    const v = raw[col.name];
    out[key] = v === null || v === undefined ? null : col.mapFromDriverValue(v);
  }
  return out as TicketRow;
}

/**
 * The common ticket opening — a known requester, no team or a manually assigned team — as one
 * statement: the ticket, its first message and its creation event are written together (a
 * statement is atomic) in a single round trip, without a BEGIN/COMMIT pair around it.
 */
export async function insertTicketFast(db: Executor, t: FastTicket): Promise<FastResult> {
  const vector = toSearchVector([{ text: t.subject, weight: 'A' }]);
  const messageVector = t.message ? toSearchVector([{ text: t.message.text, weight: 'B' }]) : sql`null`;
  const result = await db.execute<Record<string, unknown>>(sql`
    with req as (select id, organization_id, name from customers where id = ${t.requesterId}::uuid),
    team as (select assignment_mode from teams where id = ${t.teamId}::uuid),
    ins as (
      insert into tickets (id, subject, search_vector, type, channel, status, priority, requester_id, organization_id, team_id,
        tags, custom_fields, complaint_category, complaint_impact, root_cause, remedies, remedy_note, created_by_id, created_at, updated_at)
      select ${t.id}::uuid, ${t.subject}, ${vector}, ${t.type}, ${t.channel}, 'new', ${t.priority}, req.id, req.organization_id,
        ${t.teamId}::uuid, array(select jsonb_array_elements_text(${JSON.stringify(t.tags)}::jsonb)), ${JSON.stringify(t.customFields)}::jsonb, ${t.complaint.category}, ${t.complaint.impact},
        ${t.complaint.rootCause ?? ''}, array(select jsonb_array_elements_text(${JSON.stringify(t.complaint.remedies ?? [])}::jsonb)), ${t.complaint.remedyNote ?? ''}, ${t.createdById}::uuid, ${t.now}, ${t.now}
      from req
      where ${t.teamId}::uuid is null or exists (select 1 from team where assignment_mode = 'manual')
      returning *
    ),
    msg as (
      insert into ticket_messages (id, ticket_id, author_customer_id, author_name, internal, channel, body_html, body_text, created_at, search_vector)
      select ${t.message?.id ?? null}::uuid, ins.id, req.id, req.name, false, ins.channel, ${t.message?.html ?? ''}, ${t.message?.text ?? ''}, ${t.now}, ${messageVector}
      from ins, req where ${t.message !== null}
      returning id
    ),
    ev as (
      insert into ticket_events (id, ticket_id, actor_id, actor_name, type, data, created_at)
      select ${t.event.id}::uuid, ins.id, ${t.event.actorId}::uuid, ${t.event.actorName}, 'ticket.created', ${JSON.stringify(t.event.data)}::jsonb, ${t.now}
      from ins
      returning id
    )
    select (select name from req) as kefu_requester_name, (select assignment_mode from team) as kefu_team_mode,
      (select count(*) from msg) + (select count(*) from ev) as kefu_written, ins.*
    from (select 1) as one left join ins on true`);
  const raw = result.rows[0]!;
  if (raw.kefu_requester_name == null) return { kind: 'no_requester' };
  if (t.teamId && raw.kefu_team_mode == null) return { kind: 'no_team' };
  if (raw.id == null) return { kind: 'needs_assignment' };
  return { kind: 'created', row: toRow(raw), requesterName: String(raw.kefu_requester_name) };
}
