import { z } from 'zod';
import { emailSchema, idSchema, isoDate, phoneSchema, tagSchema, textSchema } from './common.js';
import { attachmentIdsSchema } from './attachments.js';
import { limits } from './limits.js';
import { ticketSlaSchema } from './sla-state.js';

export const ticketTypes = ['inquiry', 'request', 'repair', 'complaint', 'suggestion'] as const;
export const ticketChannels = ['portal', 'email', 'chat', 'phone', 'api', 'walk-in'] as const;
export const ticketStatuses = ['new', 'open', 'pending', 'on_hold', 'resolved', 'closed'] as const;
export const ticketPriorities = ['low', 'normal', 'high', 'urgent'] as const;
export const complaintCategories = ['product_quality', 'service_attitude', 'delivery_delay', 'price', 'misleading_info', 'other'] as const;
export const complaintImpacts = ['normal', 'safety', 'group', 'public_opinion'] as const;
export const complaintRemedies = ['refund', 'replacement', 'repair', 'compensation', 'apology', 'process_change'] as const;

export type TicketType = (typeof ticketTypes)[number];
export type TicketChannel = (typeof ticketChannels)[number];
export type TicketStatus = (typeof ticketStatuses)[number];
export type TicketPriority = (typeof ticketPriorities)[number];

/** The status machine of PRODUCT.md: which moves staff may make from each status. */
export const statusMoves: Record<TicketStatus, readonly TicketStatus[]> = {
  new: ['open', 'pending', 'on_hold', 'resolved'],
  open: ['pending', 'on_hold', 'resolved'],
  pending: ['open', 'on_hold', 'resolved'],
  on_hold: ['open', 'pending', 'resolved'],
  resolved: ['open', 'closed'],
  closed: [],
};

export const ticketLimits = { subject: 300, body: 200_000, tags: 50, ratingComment: 2000 } as const;

/** Statuses in which the requester may rate a request. */
export const ratableStatuses: readonly TicketStatus[] = ['resolved', 'closed'];
export const isRatable = (status: TicketStatus) => ratableStatuses.includes(status);

/** The requester's satisfaction (CSAT) with a resolved or closed request: 1 very unhappy … 5 very happy. */
const ratingScoreSchema = z.number().int().min(1).max(5);

export const ticketRatingSchema = z.object({
  score: ratingScoreSchema,
  /** Plain text as typed, never HTML: render it as text. */
  comment: z.string().nullable(),
  /** When the current score was given (a new rating replaces the old one). */
  ratedAt: isoDate,
});
export type TicketRating = z.infer<typeof ticketRatingSchema>;

export const rateTicketBodySchema = z
  .object({
    score: ratingScoreSchema,
    /** Plain text; an empty or blank comment is stored as none. */
    comment: z.string().max(ticketLimits.ratingComment).optional(),
  })
  .strict();
export type RateTicketBody = z.infer<typeof rateTicketBodySchema>;

export const complaintSchema = z.object({
  category: z.enum(complaintCategories),
  impact: z.enum(complaintImpacts),
  rootCause: z.string(),
  remedies: z.array(z.enum(complaintRemedies)),
  remedyNote: z.string(),
  /** The customer's word on the remedy: required (or an explicit unreachable) before closing. */
  confirmation: z.enum(['confirmed', 'unreachable']).nullable(),
  confirmationNote: z.string(),
  confirmedAt: isoDate.nullable(),
  lessonArchivedAt: isoDate.nullable(),
});
export type Complaint = z.infer<typeof complaintSchema>;

export const ticketSchema = z.object({
  id: idSchema,
  number: z.number().int(),
  subject: z.string(),
  type: z.enum(ticketTypes),
  channel: z.enum(ticketChannels),
  status: z.enum(ticketStatuses),
  priority: z.enum(ticketPriorities),
  requesterId: idSchema,
  requesterName: z.string(),
  organizationId: idSchema.nullable(),
  teamId: idSchema.nullable(),
  assigneeId: idSchema.nullable(),
  tags: z.array(z.string()),
  customFields: z.record(z.string(), z.unknown()),
  complaint: complaintSchema.nullable(),
  mergedIntoId: idSchema.nullable(),
  /** 0 not escalated · 1 team supervisor · 2 manager · 3 top management. */
  escalationLevel: z.number().int(),
  /** The SLA policy's targets for this ticket, or null when no policy applies. */
  sla: ticketSlaSchema.nullable(),
  /** Optimistic concurrency: send it back as `If-Match` to refuse writing over an unseen change. */
  version: z.number().int(),
  createdAt: isoDate,
  updatedAt: isoDate,
  firstRespondedAt: isoDate.nullable(),
  resolvedAt: isoDate.nullable(),
  closedAt: isoDate.nullable(),
  /** The requester's rating once given (PUT /tickets/:id/rating), else null. */
  rating: ticketRatingSchema.nullable(),
});
export type Ticket = z.infer<typeof ticketSchema>;

const subjectSchema = textSchema(ticketLimits.subject);
const tagsSchema = z.array(tagSchema).max(ticketLimits.tags);
const complaintInputSchema = z
  .object({
    category: z.enum(complaintCategories).optional(),
    impact: z.enum(complaintImpacts).optional(),
    rootCause: z.string().max(limits.note).optional(),
    remedies: z.array(z.enum(complaintRemedies)).max(complaintRemedies.length).optional(),
    remedyNote: z.string().max(limits.note).optional(),
  })
  .strict();

/** Who the ticket is for: an existing customer, or one found or created by email/phone. */
export const requesterInputSchema = z
  .object({
    name: textSchema(limits.name),
    email: emailSchema.optional(),
    phone: phoneSchema.optional(),
  })
  .strict()
  .refine((r) => r.email || r.phone, { message: 'needs an email or a phone', path: ['email'] });

export const createTicketBodySchema = z
  .object({
    subject: subjectSchema,
    /** The first message: what the customer said. Rich text (HTML) is sanitized on the server. */
    body: z.string().max(ticketLimits.body).default(''),
    type: z.enum(ticketTypes).default('inquiry'),
    channel: z.enum(ticketChannels).optional(),
    priority: z.enum(ticketPriorities).optional(),
    requesterId: idSchema.optional(),
    requester: requesterInputSchema.optional(),
    teamId: idSchema.nullable().optional(),
    assigneeId: idSchema.nullable().optional(),
    tags: tagsSchema.optional(),
    customFields: z.record(z.string(), z.unknown()).optional(),
    complaint: complaintInputSchema.optional(),
    /** Files uploaded first with POST /attachments, linked to the first message (repeats count once). */
    attachmentIds: attachmentIdsSchema.optional(),
  })
  .strict();
export type CreateTicketBody = z.input<typeof createTicketBodySchema>;

export const updateTicketBodySchema = z
  .object({
    subject: subjectSchema.optional(),
    type: z.enum(ticketTypes).optional(),
    status: z.enum(ticketStatuses).optional(),
    priority: z.enum(ticketPriorities).optional(),
    teamId: idSchema.nullable().optional(),
    assigneeId: idSchema.nullable().optional(),
    tags: tagsSchema.optional(),
    customFields: z.record(z.string(), z.unknown()).optional(),
    complaint: complaintInputSchema.optional(),
  })
  .strict();
export type UpdateTicketBody = z.infer<typeof updateTicketBodySchema>;

const csv = <T extends z.ZodType<unknown, string>>(item: T) =>
  z
    .string()
    .max(500)
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(item).max(20));

export const ticketSorts = ['updated', 'created', 'priority'] as const;

export const listTicketsQuerySchema = z
  .object({
    cursor: z.string().max(400).optional(),
    limit: z.coerce.number().int().min(1).max(limits.pageSize.max).default(limits.pageSize.default),
    q: z.string().trim().max(limits.search).optional(),
    status: csv(z.enum(ticketStatuses)).optional(),
    priority: csv(z.enum(ticketPriorities)).optional(),
    type: csv(z.enum(ticketTypes)).optional(),
    channel: csv(z.enum(ticketChannels)).optional(),
    category: csv(z.enum(complaintCategories)).optional(),
    teamId: idSchema.optional(),
    /** `me`, `none`, or a staff id. */
    assignee: z.union([z.literal('me'), z.literal('none'), idSchema]).optional(),
    requesterId: idSchema.optional(),
    organizationId: idSchema.optional(),
    /** `true`: escalated tickets only (level ≥ 1) — the supervisor's escalation queue. */
    escalated: z.enum(['true', 'false']).optional(),
    tag: z.string().max(limits.tag).optional(),
    createdFrom: z.iso.datetime({ offset: true }).optional(),
    createdTo: z.iso.datetime({ offset: true }).optional(),
    updatedFrom: z.iso.datetime({ offset: true }).optional(),
    updatedTo: z.iso.datetime({ offset: true }).optional(),
    /** Custom field equality, `key:value`, repeatable as a comma list. */
    cf: z.string().max(500).optional(),
    sort: z.enum(ticketSorts).default('updated'),
  })
  .strict();
export type ListTicketsQuery = z.infer<typeof listTicketsQuerySchema>;

export const ticketListItemSchema = ticketSchema.extend({
  /** Search hits only: the matching text with `<mark>` around hits, otherwise HTML-escaped. */
  snippet: z.string().nullable(),
});
export const ticketPageSchema = z.object({
  items: z.array(ticketListItemSchema),
  nextCursor: z.string().nullable(),
  /** Set when `q` was a ticket number or an email that names exactly one place to go. */
  jumpTo: z.object({ kind: z.enum(['ticket', 'customer']), id: idSchema }).nullable(),
});
