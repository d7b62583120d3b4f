import { z } from 'zod';
import { freeTextSchema, idSchema, isoDate, pageQuerySchema, tagSchema, textSchema } from './common.js';
import { limits } from './limits.js';

/** A customer company (客户企业). */
export const organizationSchema = z.object({
  id: idSchema,
  name: z.string(),
  domains: z.array(z.string()),
  tags: z.array(z.string()),
  notes: z.string(),
  /** Members see each other's requests in the portal. */
  sharedTickets: z.boolean(),
  customerCount: z.number().int(),
  createdAt: isoDate,
  updatedAt: isoDate,
});
export type Organization = z.infer<typeof organizationSchema>;

const domainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(/^(?!-)[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63})+$/, 'must be a domain name such as example.com');

export const createOrganizationBodySchema = z
  .object({
    name: textSchema(limits.name),
    domains: z.array(domainSchema).max(20).default([]),
    tags: z.array(tagSchema).max(limits.tags).default([]),
    notes: freeTextSchema(limits.note).default(''),
    sharedTickets: z.boolean().default(false),
  })
  .strict();
export type CreateOrganizationBody = z.input<typeof createOrganizationBodySchema>;

export const updateOrganizationBodySchema = z
  .object({
    name: textSchema(limits.name).optional(),
    domains: z.array(domainSchema).max(20).optional(),
    tags: z.array(tagSchema).max(limits.tags).optional(),
    notes: freeTextSchema(limits.note).optional(),
    sharedTickets: z.boolean().optional(),
  })
  .strict();
export type UpdateOrganizationBody = z.infer<typeof updateOrganizationBodySchema>;

export const listOrganizationsQuerySchema = pageQuerySchema;
