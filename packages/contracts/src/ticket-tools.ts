import { z } from 'zod';
import { errorCodes } from './errors.js';
import { idSchema, isoDate, tagSchema, textSchema } from './common.js';
import { listTicketsQuerySchema, ticketLimits, ticketPriorities, ticketStatuses } from './tickets.js';

/** Limits of the queue tools: bulk batches and saved views. */
export const ticketToolLimits = {
  bulkIds: 500,
  viewName: 80,
  /** Saved views per owner (personal) and in the shared list: a sidebar, not a store. */
  views: 100,
  position: 100_000,
} as const;

/** Merge: the ticket in the URL is closed and folded into `intoId`, which survives. */
export const mergeTicketBodySchema = z.object({ intoId: idSchema }).strict();
export type MergeTicketBody = z.infer<typeof mergeTicketBodySchema>;

/** Split: a public message of the ticket in the URL starts a new ticket for the same requester. */
export const splitTicketBodySchema = z
  .object({
    messageId: idSchema,
    /** The new ticket's subject; the original's when left out. */
    subject: textSchema(ticketLimits.subject).optional(),
  })
  .strict();
export type SplitTicketBody = z.infer<typeof splitTicketBodySchema>;

const bulkTagsSchema = z.array(tagSchema).min(1).max(ticketLimits.tags);

/** The same fields and rules as PATCH /tickets/:id, applied ticket by ticket. */
export const bulkTicketChangesSchema = z
  .object({
    status: z.enum(ticketStatuses).optional(),
    priority: z.enum(ticketPriorities).optional(),
    teamId: idSchema.nullable().optional(),
    assigneeId: idSchema.nullable().optional(),
    addTags: bulkTagsSchema.optional(),
    removeTags: bulkTagsSchema.optional(),
  })
  .strict()
  .refine((c) => Object.values(c).some((v) => v !== undefined), { message: 'must change at least one field' });

export const bulkUpdateTicketsBodySchema = z
  .object({
    ids: z.array(idSchema).min(1).max(ticketToolLimits.bulkIds),
    changes: bulkTicketChangesSchema,
  })
  .strict();
export type BulkUpdateTicketsBody = z.infer<typeof bulkUpdateTicketsBodySchema>;

export const bulkUpdateResultSchema = z.object({
  updated: z.array(idSchema),
  /** Tickets left as they were, each with the error PATCH would have answered. */
  failed: z.array(z.object({ id: idSchema, code: z.enum(errorCodes), detail: z.string() })),
});
export type BulkUpdateResult = z.infer<typeof bulkUpdateResultSchema>;

// ---- saved views (保存的视图): named queue filters ----

export const savedViewScopes = ['personal', 'shared'] as const;
export type SavedViewScope = (typeof savedViewScopes)[number];

/**
 * A view's filters are the queue's query string without paging (`cursor`, `limit`), checked by the
 * very schema GET /tickets uses, so a saved view can never hold a filter the queue would refuse.
 */
export const ticketFilterQuerySchema = listTicketsQuerySchema.omit({ cursor: true, limit: true });
export type TicketFilterKey = keyof typeof ticketFilterQuerySchema.shape;
export const ticketFilterKeys = Object.keys(ticketFilterQuerySchema.shape) as TicketFilterKey[];

/** As stored and returned: query-string values (`status: "open,pending"`), ready for the queue URL. */
export const savedViewFiltersSchema = z.object(
  Object.fromEntries(ticketFilterKeys.map((k) => [k, z.string().optional()])) as Record<TicketFilterKey, z.ZodOptional<z.ZodString>>,
);
export type SavedViewFilters = z.infer<typeof savedViewFiltersSchema>;

export const savedViewSchema = z.object({
  id: idSchema,
  name: z.string(),
  scope: z.enum(savedViewScopes),
  filters: savedViewFiltersSchema,
  position: z.number().int(),
  ownerId: idSchema,
  ownerName: z.string().nullable(),
  /** Whether the caller may change or delete it (shared views need a supervisor or admin). */
  editable: z.boolean(),
  createdAt: isoDate,
  updatedAt: isoDate,
});
export type SavedView = z.infer<typeof savedViewSchema>;
export const savedViewListSchema = z.object({ items: z.array(savedViewSchema) });

const viewName = textSchema(ticketToolLimits.viewName);
const position = z.number().int().min(0).max(ticketToolLimits.position);

export const createSavedViewBodySchema = z
  .object({
    name: viewName,
    scope: z.enum(savedViewScopes).default('personal'),
    filters: ticketFilterQuerySchema,
    /** Order in the sidebar; after the last one when left out. */
    position: position.optional(),
  })
  .strict();
export type CreateSavedViewBody = z.input<typeof createSavedViewBodySchema>;

export const updateSavedViewBodySchema = z
  .object({
    name: viewName.optional(),
    scope: z.enum(savedViewScopes).optional(),
    filters: ticketFilterQuerySchema.optional(),
    position: position.optional(),
  })
  .strict();
export type UpdateSavedViewBody = z.input<typeof updateSavedViewBodySchema>;

/** Counts for the queue's rail: each view's filters as the saved views hold them. */
export const ticketCountsBodySchema = z
  .object({
    views: z.array(z.object({ key: z.string().min(1).max(100), filters: ticketFilterQuerySchema }).strict()).min(1).max(30),
  })
  .strict();
export type TicketCountsBody = z.infer<typeof ticketCountsBodySchema>;
export const ticketCountsSchema = z.object({
  /** Per view key; null for a view that searches text (counted only when opened). */
  counts: z.record(z.string(), z.number().int().nullable()),
  /** Counting stops here: a count above it reads "cap+". */
  cap: z.number().int(),
});
export type TicketCounts = z.infer<typeof ticketCountsSchema>;
