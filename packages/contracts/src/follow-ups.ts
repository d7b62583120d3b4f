import { z } from 'zod';
import { idSchema, isoDate } from './common.js';
import { limits } from './limits.js';
import { ticketSchema } from './tickets.js';

/** 回访: the call after a complaint is resolved. */
export const followUpSchema = z.object({
  id: idSchema,
  ticketId: idSchema,
  ticketNumber: z.number().int().nullable(),
  ticketSubject: z.string().nullable(),
  ownerId: idSchema.nullable(),
  dueAt: isoDate,
  status: z.enum(['open', 'done', 'cancelled']),
  outcome: z.enum(['satisfied', 'not_satisfied', 'unreachable']).nullable(),
  note: z.string(),
  completedAt: isoDate.nullable(),
});
export type FollowUp = z.infer<typeof followUpSchema>;

export const listFollowUpsQuerySchema = z
  .object({
    owner: z.enum(['me', 'all']).default('me'),
    status: z.enum(['open', 'done']).default('open'),
    dueBefore: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();

export const completeFollowUpBodySchema = z
  .object({ outcome: z.enum(['satisfied', 'not_satisfied', 'unreachable']), note: z.string().max(limits.note).default('') })
  .strict();

export const complaintConfirmationBodySchema = z
  .object({ outcome: z.enum(['confirmed', 'unreachable']), note: z.string().max(limits.note).default('') })
  .strict();

/** `articleId`: the knowledge-base draft the lesson opened (GET /kb/articles/{articleId}). */
export const archivedLessonSchema = z.object({ lessonId: idSchema, articleId: idSchema.optional(), ticket: ticketSchema });

export const notificationSchema = z.object({
  id: idSchema,
  kind: z.string(),
  ticketId: idSchema.nullable(),
  actorName: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  readAt: isoDate.nullable(),
  createdAt: isoDate,
});
export const notificationListSchema = z.object({ unread: z.number().int(), items: z.array(notificationSchema) });
export const markNotificationsReadBodySchema = z
  .object({ ids: z.union([z.literal('all'), z.array(idSchema).min(1).max(200)]) })
  .strict();
