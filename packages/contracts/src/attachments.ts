import { z } from 'zod';
import { idSchema, isoDate } from './common.js';

/**
 * A file uploaded for a ticket message. `contentType` is what the server detected from the bytes,
 * never what the uploader claimed. Download it from `/api/v1/attachments/{id}`.
 */
export const attachmentSchema = z.object({
  id: idSchema,
  filename: z.string(),
  size: z.number().int().nonnegative(),
  contentType: z.string(),
  createdAt: isoDate,
});
export type Attachment = z.infer<typeof attachmentSchema>;

export const attachmentLimits = {
  filename: 255,
  /** Attachments on one message. */
  perMessage: 20,
  /** An upload not linked to a message within this time is no longer offered to its uploader. */
  unlinkedHours: 24,
} as const;

/** What a message body carries to attach earlier uploads. */
export const attachmentIdsSchema = z.array(idSchema).max(attachmentLimits.perMessage);
