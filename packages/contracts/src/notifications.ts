import { z } from 'zod';

/**
 * What staff can be told about, each with its own in-app and email switch. The bell's list and
 * read-marking schemas stay in follow-ups.ts, where they were first defined.
 */
export const notificationKinds = [
  'ticket.assigned',
  'mentioned',
  'customer.replied',
  /** The requester rated a resolved request (CSAT). */
  'ticket.rated',
  'sla.warning',
  'sla.breached',
  'escalation',
  'follow_up.scheduled',
  /** An email reply did not reach the customer: bounced, refused, or retries exhausted. */
  'email.bounced',
] as const;
export const notificationKindSchema = z.enum(notificationKinds);
export type NotificationKind = z.infer<typeof notificationKindSchema>;

/** Kinds emitted under another name that share a kind's preference (an urgent complaint is escalated at once). */
export const notificationKindSynonyms: Readonly<Record<string, NotificationKind>> = Object.freeze({
  'complaint.urgent': 'escalation',
  'ticket.escalated': 'escalation',
});

/** Email by default only for what asks for action soon: own assignments, mentions, breaches, escalations. */
const emailByDefault: ReadonlySet<NotificationKind> = new Set(['ticket.assigned', 'mentioned', 'sla.breached', 'escalation', 'email.bounced']);

export function defaultNotificationPreference(kind: NotificationKind) {
  return { kind, inApp: true, email: emailByDefault.has(kind) };
}

/** The preference kind an emitted kind falls under, or null for a kind no preference covers. */
export function notificationPreferenceKind(kind: string): NotificationKind | null {
  if ((notificationKinds as readonly string[]).includes(kind)) return kind as NotificationKind;
  return notificationKindSynonyms[kind] ?? null;
}

export const notificationPreferenceSchema = z
  .object({ kind: notificationKindSchema, inApp: z.boolean(), email: z.boolean() })
  .strict();
export type NotificationPreference = z.infer<typeof notificationPreferenceSchema>;

/** Every kind, stored or default, in the order of `notificationKinds`. */
export const notificationPreferencesSchema = z.object({ items: z.array(notificationPreferenceSchema) });
export type NotificationPreferences = z.infer<typeof notificationPreferencesSchema>;

/** Sets the listed kinds; kinds not listed keep their setting. */
export const updateNotificationPreferencesBodySchema = z
  .object({ items: z.array(notificationPreferenceSchema).min(1).max(notificationKinds.length) })
  .strict()
  .superRefine((body, ctx) => {
    const seen = new Set<string>();
    body.items.forEach((item, i) => {
      if (seen.has(item.kind)) ctx.addIssue({ code: 'custom', path: ['items', i, 'kind'], message: 'is listed twice' });
      seen.add(item.kind);
    });
  });
export type UpdateNotificationPreferencesBody = z.infer<typeof updateNotificationPreferencesBodySchema>;
