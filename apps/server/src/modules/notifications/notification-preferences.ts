import { and, eq, inArray, sql } from 'drizzle-orm';
import {
  defaultNotificationPreference, notificationKinds, notificationPreferenceKind,
  type NotificationPreference, type NotificationPreferences, type UpdateNotificationPreferencesBody,
} from '@kefu/contracts';
import type { AppDeps } from '../../platform/context.js';
import type { Executor } from '../../platform/db/client.js';
import type { RequestContext } from '../auth/index.js';
import { authorizePreferences } from './notifications.policy.js';
import { notificationPreferences } from './notifications.tables.js';

export interface Channels {
  inApp: boolean;
  email: boolean;
}

/** Every kind for one user: stored choices over the defaults, in the contract's order. */
async function preferencesOf(exec: Executor, userId: string): Promise<NotificationPreference[]> {
  const rows = await exec.select().from(notificationPreferences).where(eq(notificationPreferences.userId, userId));
  const stored = new Map(rows.map((r) => [r.kind, r]));
  return notificationKinds.map((kind) => {
    const row = stored.get(kind);
    return row ? { kind, inApp: row.inApp, email: row.email } : defaultNotificationPreference(kind);
  });
}

export async function getNotificationPreferences(deps: AppDeps, ctx: RequestContext): Promise<NotificationPreferences> {
  authorizePreferences(ctx.actor, 'read');
  return { items: await preferencesOf(deps.db, ctx.actor.userId) };
}

export async function updateNotificationPreferences(
  deps: AppDeps,
  ctx: RequestContext,
  body: UpdateNotificationPreferencesBody,
): Promise<NotificationPreferences> {
  authorizePreferences(ctx.actor, 'update');
  const now = deps.clock.now();
  await deps.db
    .insert(notificationPreferences)
    .values(body.items.map((p) => ({ userId: ctx.actor.userId, kind: p.kind, inApp: p.inApp, email: p.email, updatedAt: now })))
    .onConflictDoUpdate({
      target: [notificationPreferences.userId, notificationPreferences.kind],
      set: { inApp: sql`excluded.in_app`, email: sql`excluded.email`, updatedAt: now },
    });
  return { items: await preferencesOf(deps.db, ctx.actor.userId) };
}

/**
 * How each user wants to hear about `kind`. A kind no preference covers (a new emitter's) still
 * reaches the bell but sends no mail until it is given a kind in the contract.
 */
export async function channelsFor(exec: Executor, userIds: string[], kind: string): Promise<Map<string, Channels>> {
  const group = notificationPreferenceKind(kind);
  const fallback = group ? defaultNotificationPreference(group) : { inApp: true, email: false };
  const result = new Map<string, Channels>(userIds.map((id) => [id, { inApp: fallback.inApp, email: fallback.email }]));
  if (!group || userIds.length === 0) return result;
  const rows = await exec
    .select({ userId: notificationPreferences.userId, inApp: notificationPreferences.inApp, email: notificationPreferences.email })
    .from(notificationPreferences)
    .where(and(inArray(notificationPreferences.userId, userIds), eq(notificationPreferences.kind, group)));
  for (const r of rows) result.set(r.userId, { inApp: r.inApp, email: r.email });
  return result;
}
