import { z } from 'zod';
import { emailSchema, freeTextSchema, idSchema, isoDate, pageQuerySchema } from './common.js';

/** A mail Kefu sent, as kept in the outbox when no SMTP server is configured. */
export const outboxMessageSummarySchema = z.object({
  id: idSchema,
  kind: z.string(),
  to: z.string(),
  from: z.string(),
  subject: z.string(),
  createdAt: isoDate,
});
export type OutboxMessageSummary = z.infer<typeof outboxMessageSummarySchema>;

export const outboxMessageSchema = outboxMessageSummarySchema.extend({
  text: z.string(),
  html: z.string().nullable(),
  headers: z.record(z.string(), z.string()),
});
export type OutboxMessage = z.infer<typeof outboxMessageSchema>;

/** `to` matches the recipient's address exactly (case-insensitive); `q` searches subjects. */
export const listOutboxQuerySchema = pageQuerySchema.extend({
  to: emailSchema.optional(),
  kind: freeTextSchema(100).optional(),
});
export type ListOutboxQuery = z.infer<typeof listOutboxQuerySchema>;
