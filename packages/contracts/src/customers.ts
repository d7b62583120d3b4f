import { z } from 'zod';
import { emailSchema, freeTextSchema, idSchema, isoDate, localeSchema, pageQuerySchema, phoneSchema, tagSchema, textSchema } from './common.js';
import { limits } from './limits.js';

/** Customer value tiers (PRODUCT.md "customer value"); SLA policies may match on them. */
export const customerTiers = ['vip', 'key', 'regular', 'potential'] as const;
export type CustomerTier = (typeof customerTiers)[number];

/** A person we serve (客户/联系人). Emails are unique across customers; phones need not be. */
export const customerSchema = z.object({
  id: idSchema,
  name: z.string(),
  emails: z.array(z.string()),
  phones: z.array(z.string()),
  organizationId: idSchema.nullable(),
  organizationName: z.string().nullable(),
  locale: localeSchema,
  tier: z.enum(customerTiers).nullable(),
  tags: z.array(z.string()),
  notes: z.string(),
  createdAt: isoDate,
  updatedAt: isoDate,
});
export type Customer = z.infer<typeof customerSchema>;

const unique = <T>(xs: T[]) => new Set(xs).size === xs.length;

export const createCustomerBodySchema = z
  .object({
    name: textSchema(limits.name),
    emails: z.array(emailSchema).max(limits.emails).default([]).refine(unique, 'must not repeat an email'),
    phones: z.array(phoneSchema).max(limits.phones).default([]).refine(unique, 'must not repeat a phone'),
    organizationId: idSchema.nullable().default(null),
    locale: localeSchema.default('zh-CN'),
    tier: z.enum(customerTiers).nullable().default(null),
    tags: z.array(tagSchema).max(limits.tags).default([]),
    notes: freeTextSchema(limits.note).default(''),
  })
  .strict();
export type CreateCustomerBody = z.input<typeof createCustomerBodySchema>;

export const updateCustomerBodySchema = z
  .object({
    name: textSchema(limits.name).optional(),
    emails: z.array(emailSchema).max(limits.emails).refine(unique, 'must not repeat an email').optional(),
    phones: z.array(phoneSchema).max(limits.phones).refine(unique, 'must not repeat a phone').optional(),
    organizationId: idSchema.nullable().optional(),
    locale: localeSchema.optional(),
    tier: z.enum(customerTiers).nullable().optional(),
    tags: z.array(tagSchema).max(limits.tags).optional(),
    notes: freeTextSchema(limits.note).optional(),
  })
  .strict();
export type UpdateCustomerBody = z.infer<typeof updateCustomerBodySchema>;

export const listCustomersQuerySchema = pageQuerySchema.extend({
  organizationId: idSchema.optional(),
  tag: freeTextSchema(limits.tag).optional(),
});
export type ListCustomersQuery = z.infer<typeof listCustomersQuerySchema>;
