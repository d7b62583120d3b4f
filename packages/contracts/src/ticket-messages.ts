import { z } from 'zod';
import { idSchema, isoDate } from './common.js';
import { attachmentIdsSchema, attachmentSchema } from './attachments.js';
import { ticketLimits } from './tickets.js';
import { emailMetaSchema } from './mail.js';

export const messageSchema = z.object({
  id: idSchema,
  ticketId: idSchema,
  authorType: z.enum(['staff', 'customer']),
  authorId: idSchema.nullable(),
  authorName: z.string(),
  internal: z.boolean(),
  channel: z.string(),
  /** Sanitized on the server: safe to render as HTML. */
  bodyHtml: z.string(),
  bodyText: z.string(),
  attachments: z.array(attachmentSchema),
  /** How the message travelled by email; null for messages written in Kefu or the portal and not mailed. */
  email: emailMetaSchema.nullable(),
  createdAt: isoDate,
});
export type Message = z.infer<typeof messageSchema>;

export const createMessageBodySchema = z
  .object({
    /** HTML (sanitized on arrival) or plain text. */
    body: z.string().max(ticketLimits.body),
    /** An internal note is seen by staff only. */
    internal: z.boolean().default(false),
    /** Staff to notify (@mention). */
    mentionIds: z.array(idSchema).max(50).default([]),
    /** Files uploaded first with POST /attachments, linked to this message. */
    attachmentIds: attachmentIdsSchema.default([]),
    /** A public reply on an email conversation goes out from this mailbox; default: the one the ticket came through, else the default mailbox. */
    mailboxId: idSchema.optional(),
  })
  .strict();
export type CreateMessageBody = z.input<typeof createMessageBodySchema>;

export const timelineEventSchema = z.object({
  kind: z.literal('event'),
  id: idSchema,
  type: z.string(),
  actorId: idSchema.nullable(),
  actorName: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  createdAt: isoDate,
});
export const timelineItemSchema = z.discriminatedUnion('kind', [
  timelineEventSchema,
  messageSchema.extend({ kind: z.literal('message') }),
]);
export type TimelineItem = z.infer<typeof timelineItemSchema>;
export const timelineSchema = z.object({ items: z.array(timelineItemSchema) });
