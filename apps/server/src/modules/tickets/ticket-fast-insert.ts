import { getTableColumns, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.js';
import { createBatcher } from '../../platform/db/batcher.js';
import { executeNamed } from '../../platform/db/named-query.js';
import { indexText, weightedVector } from '../../platform/search/index.js';
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
// Every column but the search vector: nothing reads it back, and its text form was the bulk of each returned row.
const returned = sql.raw(columns.map(([, col]) => col.name).filter((name) => name !== 'search_vector').join(', '));
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

interface InputRow {
  ord: number;
  id: string;
  subject: string;
  s_cjk: string;
  s_other: string;
  type: string;
  channel: string;
  priority: string;
  requester_id: string;
  team_id: string | null;
  tags: string[];
  custom_fields: Record<string, unknown>;
  complaint_category: string | null;
  complaint_impact: string | null;
  root_cause: string;
  remedies: string[];
  remedy_note: string;
  created_by_id: string;
  at: string;
  msg_id: string | null;
  msg_html: string;
  msg_text: string;
  m_cjk: string;
  m_other: string;
  ev_id: string;
  actor_id: string;
  actor_name: string;
  ev_data: Record<string, unknown>;
}

function toInput(t: FastTicket, ord: number): InputRow {
  const s = indexText(t.subject);
  const m = indexText(t.message?.text ?? '');
  return {
    ord, id: t.id, subject: t.subject, s_cjk: s.cjk, s_other: s.other, type: t.type, channel: t.channel, priority: t.priority,
    requester_id: t.requesterId, team_id: t.teamId, tags: t.tags, custom_fields: t.customFields,
    complaint_category: t.complaint.category, complaint_impact: t.complaint.impact, root_cause: t.complaint.rootCause ?? '',
    remedies: t.complaint.remedies ?? [], remedy_note: t.complaint.remedyNote ?? '', created_by_id: t.createdById, at: t.now.toISOString(),
    msg_id: t.message?.id ?? null, msg_html: t.message?.html ?? '', msg_text: t.message?.text ?? '', m_cjk: m.cjk, m_other: m.other,
    ev_id: t.event.id, actor_id: t.event.actorId, actor_name: t.event.actorName, ev_data: t.event.data,
  };
}

const x = (column: string) => sql.raw(`x.${column}`);

/**
 * The common ticket opening — a known requester, no team or a manually assigned team — for every
 * request that arrived in the same turn, as one statement: each ticket, its first message and its
 * creation event are written together (a statement is atomic) in a single round trip and commit.
 */
async function insertTicketsFast(db: Executor, batch: FastTicket[]): Promise<FastResult[]> {
  const input = JSON.stringify(batch.map(toInput));
  const result = await executeNamed<Record<string, unknown>>(db, 'kefu_insert_tickets_fast', sql`
    with input as (
      select * from jsonb_to_recordset(${input}::jsonb) as x(ord int, id uuid, subject text, s_cjk text, s_other text, type text,
        channel text, priority text, requester_id uuid, team_id uuid, tags text[], custom_fields jsonb, complaint_category text,
        complaint_impact text, root_cause text, remedies text[], remedy_note text, created_by_id uuid, at timestamptz,
        msg_id uuid, msg_html text, msg_text text, m_cjk text, m_other text, ev_id uuid, actor_id uuid, actor_name text, ev_data jsonb)
    ),
    req as (select id, organization_id, name from customers where id in (select requester_id from input)),
    team as (select id, assignment_mode from teams where id in (select team_id from input)),
    ins as (
      insert into tickets (id, subject, search_vector, type, channel, status, priority, requester_id, organization_id, team_id,
        tags, custom_fields, complaint_category, complaint_impact, root_cause, remedies, remedy_note, created_by_id, created_at, updated_at)
      select x.id, x.subject, ${weightedVector(x('s_cjk'), x('s_other'), 'A')}, x.type, x.channel, 'new', x.priority, req.id, req.organization_id,
        x.team_id, x.tags, x.custom_fields, x.complaint_category, x.complaint_impact, x.root_cause, x.remedies, x.remedy_note, x.created_by_id, x.at, x.at
      from input x join req on req.id = x.requester_id left join team on team.id = x.team_id
      where x.team_id is null or team.assignment_mode = 'manual'
      order by x.ord
      returning ${returned}
    ),
    msg as (
      insert into ticket_messages (id, ticket_id, author_customer_id, author_name, internal, channel, body_html, body_text, created_at, search_vector)
      select x.msg_id, ins.id, ins.requester_id, req.name, false, ins.channel, x.msg_html, x.msg_text, x.at, ${weightedVector(x('m_cjk'), x('m_other'), 'B')}
      from ins join input x on x.id = ins.id join req on req.id = ins.requester_id where x.msg_id is not null
    ),
    ev as (
      insert into ticket_events (id, ticket_id, actor_id, actor_name, type, data, created_at)
      select x.ev_id, ins.id, x.actor_id, x.actor_name, 'ticket.created', x.ev_data, x.at from ins join input x on x.id = ins.id
    )
    select x.ord as kefu_ord, req.name as kefu_requester_name, team.assignment_mode as kefu_team_mode, ins.*
    from input x left join req on req.id = x.requester_id left join team on team.id = x.team_id left join ins on ins.id = x.id
    order by x.ord`);
  return result.rows.map((raw, i) => {
    if (Number(raw.kefu_ord) !== i) throw new Error('batched ticket insert returned rows out of order');
    if (raw.kefu_requester_name == null) return { kind: 'no_requester' };
    if (batch[i]!.teamId && raw.kefu_team_mode == null) return { kind: 'no_team' };
    if (raw.id == null) return { kind: 'needs_assignment' };
    return { kind: 'created', row: toRow(raw), requesterName: String(raw.kefu_requester_name) };
  });
}

const batched = createBatcher(insertTicketsFast);

/** Opens one ticket on the fast path, sharing a statement with those opened in the same turn. */
export function insertTicketFast(db: Executor, t: FastTicket): Promise<FastResult> {
  return batched(db, t);
}
