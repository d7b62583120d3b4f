import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, jsonb, pgSequence, pgTable, smallint, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { at, createdAt, id, updatedAt } from '../../platform/db/columns.js';
import { tsvector } from '../../platform/search/index.js';
import type { StoredSla } from '../sla/index.js';
import { customers } from '../customers/customers.tables.js';
import { organizations } from '../organizations/organizations.tables.js';
import { teams } from '../teams/teams.tables.js';
import { users } from '../users/users.tables.js';

/** Human ticket numbers (#10001 …): a sequence, so numbers never repeat across instances. */
export const ticketNumberSeq = pgSequence('ticket_number_seq', { startWith: 10001 });

export const tickets = pgTable(
  'tickets',
  {
    id: id(),
    number: bigint('number', { mode: 'number' }).notNull().default(sql`nextval('ticket_number_seq')`),
    subject: text('subject').notNull(),
    type: text('type', { enum: ['inquiry', 'request', 'repair', 'complaint', 'suggestion'] }).notNull(),
    channel: text('channel', { enum: ['portal', 'email', 'chat', 'phone', 'api', 'walk-in'] }).notNull(),
    status: text('status', { enum: ['new', 'open', 'pending', 'on_hold', 'resolved', 'closed'] }).notNull().default('new'),
    priority: text('priority', { enum: ['low', 'normal', 'high', 'urgent'] }).notNull().default('normal'),
    /** urgent 3 · high 2 · normal 1 · low 0, so the queue can sort and index by priority. */
    priorityRank: smallint('priority_rank')
      .notNull()
      .generatedAlwaysAs(sql`case priority when 'urgent' then 3 when 'high' then 2 when 'normal' then 1 else 0 end`),
    requesterId: uuid('requester_id').notNull().references(() => customers.id, { onDelete: 'restrict' }),
    organizationId: uuid('organization_id').references(() => organizations.id, { onDelete: 'set null' }),
    teamId: uuid('team_id').references(() => teams.id, { onDelete: 'set null' }),
    assigneeId: uuid('assignee_id').references(() => users.id, { onDelete: 'set null' }),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    customFields: jsonb('custom_fields').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    complaintCategory: text('complaint_category'),
    complaintImpact: text('complaint_impact'),
    rootCause: text('root_cause').notNull().default(''),
    remedies: text('remedies').array().notNull().default(sql`'{}'::text[]`),
    remedyNote: text('remedy_note').notNull().default(''),
    confirmation: text('confirmation', { enum: ['confirmed', 'unreachable'] }),
    confirmationNote: text('confirmation_note').notNull().default(''),
    confirmedAt: at('confirmed_at'),
    lessonArchivedAt: at('lesson_archived_at'),
    mergedIntoId: uuid('merged_into_id'),
    /** 0 not escalated · 1 team supervisor · 2 manager · 3 top management. */
    escalationLevel: smallint('escalation_level').notNull().default(0),
    /** The applied SLA policy's clocks (modules/tickets/ticket-sla.ts); null when none applies. */
    sla: jsonb('sla').$type<StoredSla>(),
    /** The earliest instant an SLA step is due (warning, breach, escalation): what the timers wait for. */
    slaNextAt: at('sla_next_at'),
    version: integer('version').notNull().default(1),
    createdById: uuid('created_by_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    firstRespondedAt: at('first_responded_at'),
    resolvedAt: at('resolved_at'),
    closedAt: at('closed_at'),
    /** Subject, segmented for Chinese and stemmed for English (platform/search). */
    searchVector: tsvector('search_vector'),
  },
  (t) => [
    uniqueIndex('tickets_number_key').on(t.number),
    index('tickets_search_idx').using('gin', t.searchVector),
    // The queue: open work of a team, unassigned or by assignee, most urgent and most recent first.
    index('tickets_queue_idx').on(t.status, t.teamId, t.assigneeId, t.priorityRank.desc(), t.updatedAt.desc(), t.id.desc()),
    // The unassigned queue: `assignee_id IS NULL` does not fix a column for ordering the way `=`
    // does, so without this partial index PostgreSQL sorts every unassigned ticket of the team.
    index('tickets_unassigned_queue_idx')
      .on(t.status, t.teamId, t.priorityRank.desc(), t.updatedAt.desc(), t.id.desc())
      .where(sql`${t.assigneeId} is null and ${t.mergedIntoId} is null`),
    // The SLA sweep's question, "which timers are due?", over running clocks only.
    index('tickets_sla_next_idx').on(t.slaNextAt).where(sql`${t.slaNextAt} is not null`),
    index('tickets_updated_idx').on(t.updatedAt.desc(), t.id.desc()),
    index('tickets_assignee_idx').on(t.assigneeId, t.status),
    index('tickets_requester_idx').on(t.requesterId, t.updatedAt.desc()),
    index('tickets_org_idx').on(t.organizationId),
    index('tickets_tags_idx').using('gin', t.tags),
    index('tickets_custom_fields_idx').using('gin', t.customFields),
    check('tickets_status_check', sql`${t.status} in ('new','open','pending','on_hold','resolved','closed')`),
    check('tickets_priority_check', sql`${t.priority} in ('low','normal','high','urgent')`),
    check('tickets_version_check', sql`${t.version} > 0`),
  ],
);

/**
 * Everything that happened to a ticket, in order: the timeline, the audit trail of ticket work,
 * and the source of live updates. Never updated or deleted.
 */
export const ticketEvents = pgTable(
  'ticket_events',
  {
    id: id(),
    ticketId: uuid('ticket_id').notNull().references(() => tickets.id, { onDelete: 'cascade' }),
    actorId: uuid('actor_id'),
    actorName: text('actor_name'),
    type: text('type').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    createdAt: createdAt(),
  },
  (t) => [index('ticket_events_ticket_idx').on(t.ticketId, t.id)],
);

/** A public reply or an internal note. */
export const ticketMessages = pgTable(
  'ticket_messages',
  {
    id: id(),
    ticketId: uuid('ticket_id').notNull().references(() => tickets.id, { onDelete: 'cascade' }),
    authorUserId: uuid('author_user_id').references(() => users.id, { onDelete: 'set null' }),
    authorCustomerId: uuid('author_customer_id').references(() => customers.id, { onDelete: 'set null' }),
    authorName: text('author_name').notNull(),
    internal: boolean('internal').notNull().default(false),
    channel: text('channel').notNull(),
    bodyHtml: text('body_html').notNull(),
    bodyText: text('body_text').notNull(),
    createdAt: createdAt(),
    searchVector: tsvector('search_vector'),
  },
  (t) => [index('ticket_messages_ticket_idx').on(t.ticketId, t.id), index('ticket_messages_search_idx').using('gin', t.searchVector)],
);

/** Round-robin position per team: the member who got the last ticket. Locked while choosing. */
export const teamAssignmentCursors = pgTable('team_assignment_cursors', {
  teamId: uuid('team_id').primaryKey().references(() => teams.id, { onDelete: 'cascade' }),
  lastUserId: uuid('last_user_id'),
  updatedAt: updatedAt(),
});

/** 回访: the call after a complaint is resolved, to confirm the outcome with the customer. */
export const followUps = pgTable(
  'follow_ups',
  {
    id: id(),
    ticketId: uuid('ticket_id').notNull().references(() => tickets.id, { onDelete: 'cascade' }),
    ownerId: uuid('owner_id').references(() => users.id, { onDelete: 'set null' }),
    dueAt: at('due_at').notNull(),
    status: text('status', { enum: ['open', 'done', 'cancelled'] }).notNull().default('open'),
    outcome: text('outcome', { enum: ['satisfied', 'not_satisfied', 'unreachable'] }),
    note: text('note').notNull().default(''),
    completedAt: at('completed_at'),
    completedById: uuid('completed_by_id'),
    createdAt: createdAt(),
  },
  (t) => [index('follow_ups_owner_idx').on(t.ownerId, t.status, t.dueAt), index('follow_ups_ticket_idx').on(t.ticketId)],
);

/** A complaint's lesson, archived as a draft knowledge note until the knowledge base takes it over. */
export const lessons = pgTable(
  'lessons',
  {
    id: id(),
    ticketId: uuid('ticket_id').notNull().references(() => tickets.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    body: text('body').notNull(),
    category: text('category'),
    status: text('status', { enum: ['draft', 'published'] }).notNull().default('draft'),
    createdById: uuid('created_by_id'),
    createdAt: createdAt(),
  },
  (t) => [index('lessons_ticket_idx').on(t.ticketId)],
);

/** In-app notifications (the bell); delivery channels and preferences come with the SLA issue. */
export const notifications = pgTable(
  'notifications',
  {
    id: id(),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    ticketId: uuid('ticket_id').references(() => tickets.id, { onDelete: 'cascade' }),
    actorName: text('actor_name'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    readAt: at('read_at'),
    createdAt: createdAt(),
  },
  (t) => [index('notifications_user_idx').on(t.userId, t.readAt, t.id)],
);

/**
 * The requester's satisfaction with a resolved request (CSAT 1–5), one per ticket: rating again
 * replaces it. Kept to the rating itself, so a later survey can point at or copy from it.
 */
export const ticketRatings = pgTable(
  'ticket_ratings',
  {
    ticketId: uuid('ticket_id').primaryKey().references(() => tickets.id, { onDelete: 'cascade' }),
    customerId: uuid('customer_id').notNull().references(() => customers.id, { onDelete: 'cascade' }),
    score: smallint('score').notNull(),
    /** Plain text as the customer typed it (null: none given); clients render it as text, never as HTML. */
    comment: text('comment'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [check('ticket_ratings_score_check', sql`${t.score} between 1 and 5`)],
);
