import { z } from 'zod';
import { freeTextSchema, idSchema, instantSchema, isoDate, pageQuerySchema } from './common.js';

/** Append-only record of a staff or admin change. */
export const auditEventSchema = z.object({
  id: idSchema,
  actorId: idSchema.nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  createdAt: isoDate,
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

export const listAuditEventsQuerySchema = pageQuerySchema.extend({
  actorId: idSchema.optional(),
  entityType: freeTextSchema(50).optional(),
  entityId: freeTextSchema(100).optional(),
  action: freeTextSchema(100).optional(),
  from: instantSchema.optional(),
  to: instantSchema.optional(),
});
export type ListAuditEventsQuery = z.infer<typeof listAuditEventsQuerySchema>;
