import { z } from 'zod';
import { freeTextSchema, idSchema, isoDate, localeSchema, pageQuerySchema, textSchema } from './common.js';
import { limits } from './limits.js';

/** Limits of canned responses (话术库); the body is HTML, so it gets more room than a note. */
export const cannedResponseLimits = {
  body: 50_000,
  category: 50,
  shortcut: 32,
  /** Values a caller passes to the render endpoint (a subject, a name). */
  contextValue: 500,
  categories: 500,
} as const;

/** `personal`: only its owner (and admins) see it; `shared`: every staff member uses it. */
export const cannedResponseScopes = ['personal', 'shared'] as const;
export const cannedResponseScopeSchema = z.enum(cannedResponseScopes);
export type CannedResponseScope = z.infer<typeof cannedResponseScopeSchema>;

/**
 * Placeholders a body may contain as `{{customer.name}}`. Add a key here and give the renderer's
 * context a value at the same path; anything else written in braces is left visible as typed.
 */
export const cannedResponsePlaceholders = [
  'customer.name',
  'customer.email',
  'ticket.number',
  'ticket.subject',
  'agent.name',
  'organization.name',
] as const;
export type CannedResponsePlaceholder = (typeof cannedResponsePlaceholders)[number];

const contextText = freeTextSchema(cannedResponseLimits.contextValue);
const ticketNumber = z.union([z.string().max(40), z.number().int().min(0).max(Number.MAX_SAFE_INTEGER)]);

/** The values placeholders are filled from; every part is optional. */
export const cannedResponseContextSchema = z
  .object({
    customer: z.object({ name: contextText.optional(), email: contextText.optional() }).strict().optional(),
    ticket: z.object({ number: ticketNumber.optional(), subject: contextText.optional() }).strict().optional(),
    agent: z.object({ name: contextText.optional() }).strict().optional(),
    organization: z.object({ name: contextText.optional() }).strict().optional(),
  })
  .strict();
export type CannedResponseContext = z.infer<typeof cannedResponseContextSchema>;

/** A reusable reply with placeholders (话术). `body` is sanitized HTML. */
export const cannedResponseSchema = z.object({
  id: idSchema,
  title: z.string(),
  body: z.string(),
  /** The body as plain text (lines, "- " list items), for previews and plain-text editors. */
  text: z.string(),
  category: z.string().nullable(),
  scope: cannedResponseScopeSchema,
  shortcut: z.string().nullable(),
  /** null: usable in any language. */
  locale: localeSchema.nullable(),
  usageCount: z.number().int(),
  ownerId: idSchema,
  ownerName: z.string().nullable(),
  /** Whether the caller may change or delete it (shared ones need a supervisor or admin). */
  editable: z.boolean(),
  createdAt: isoDate,
  updatedAt: isoDate,
});
export type CannedResponse = z.infer<typeof cannedResponseSchema>;

const emptyToNull = (s: string | null) => (s === '' ? null : s);

/** Free-text category such as 退换货, 物流, 投诉安抚; empty means none. */
const categorySchema = z
  .string()
  .trim()
  .max(cannedResponseLimits.category)
  .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), 'must not contain control characters')
  .nullable()
  .transform(emptyToNull);

/** A slash command such as `/refund` or `/退款`; the slash is added when left out. Empty means none. */
const shortcutSchema = z
  .string()
  .trim()
  .max(cannedResponseLimits.shortcut)
  .transform((s) => (s === '' || s.startsWith('/') ? s : `/${s}`))
  .refine((s) => s === '' || /^\/[\p{L}\p{N}_-]+$/u.test(s), 'must be a slash followed by letters, digits, _ or -')
  .nullable()
  .transform(emptyToNull);

const bodySchema = freeTextSchema(cannedResponseLimits.body).refine((s) => s.trim().length > 0, 'must not be empty');

export const createCannedResponseBodySchema = z
  .object({
    title: textSchema(limits.name),
    body: bodySchema,
    category: categorySchema.default(null),
    scope: cannedResponseScopeSchema.default('personal'),
    shortcut: shortcutSchema.default(null),
    locale: localeSchema.nullable().default(null),
  })
  .strict();
export type CreateCannedResponseBody = z.input<typeof createCannedResponseBodySchema>;

export const updateCannedResponseBodySchema = z
  .object({
    title: textSchema(limits.name).optional(),
    body: bodySchema.optional(),
    category: categorySchema.optional(),
    scope: cannedResponseScopeSchema.optional(),
    shortcut: shortcutSchema.optional(),
    locale: localeSchema.nullable().optional(),
  })
  .strict();
export type UpdateCannedResponseBody = z.input<typeof updateCannedResponseBodySchema>;

export const listCannedResponsesQuerySchema = pageQuerySchema.extend({
  category: freeTextSchema(cannedResponseLimits.category).trim().optional(),
  scope: cannedResponseScopeSchema.optional(),
  /** Responses usable in this language: written for it, or for any language. */
  locale: localeSchema.optional(),
  ownerId: idSchema.optional(),
});
export type ListCannedResponsesQuery = z.infer<typeof listCannedResponsesQuerySchema>;

export const cannedResponseCategorySchema = z.object({ category: z.string(), count: z.number().int() });
export const cannedResponseCategoriesSchema = z.object({ items: z.array(cannedResponseCategorySchema) });
export type CannedResponseCategories = z.infer<typeof cannedResponseCategoriesSchema>;

/** The render endpoint fills `agent.*` from the caller, so a client cannot pose as another agent. */
export const renderCannedResponseBodySchema = z
  .object({ context: cannedResponseContextSchema.omit({ agent: true }).default({}) })
  .strict();
export type RenderCannedResponseBody = z.input<typeof renderCannedResponseBodySchema>;

/** Renders a draft body that is not saved yet (the editor's live preview); nothing is stored or counted. */
export const previewCannedResponseBodySchema = z
  .object({ body: bodySchema, context: cannedResponseContextSchema.omit({ agent: true }).default({}) })
  .strict();
export type PreviewCannedResponseBody = z.input<typeof previewCannedResponseBodySchema>;

export const renderedCannedResponseSchema = z.object({
  html: z.string(),
  text: z.string(),
  /** Placeholders left as typed: unknown names, or known ones the context had no value for. */
  unresolved: z.array(z.string()),
});
export type RenderedCannedResponse = z.infer<typeof renderedCannedResponseSchema>;
