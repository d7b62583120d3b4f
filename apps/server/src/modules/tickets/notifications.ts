import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { AppDeps } from '../../platform/context.js';
import type { Executor } from '../../platform/db/client.js';
import { afterCommit } from '../../platform/db/transaction.js';
import { uuidv7 } from '../../platform/ids.js';
import { announce } from '../../platform/realtime/bus.js';
import type { RequestContext } from '../auth/index.js';
import { channelsFor, queueNotificationEmails } from '../notifications/index.js';
import { users } from '../users/index.js';
import { notifications } from './tickets.tables.js';

export const NOTIFICATIONS_CHANNEL = 'kefu_notifications';

/**
 * Notifications, written with the change that caused them: in-app rows (announced after commit)
 * and mail owed, each as the user's preference for the kind says. Mail is sent by a job, so the
 * request never waits for an SMTP server and nothing is lost if one is down.
 */
export async function notifyUsers(
  deps: AppDeps,
  tx: Executor,
  ctx: RequestContext | null,
  userIds: string[],
  kind: string,
  ticketId: string,
  data: Record<string, unknown> = {},
) {
  const targets = [...new Set(userIds)].filter((id) => id !== ctx?.actor.userId);
  if (targets.length === 0) return;
  const channels = await channelsFor(tx, targets, kind);
  const inApp = targets.filter((id) => channels.get(id)?.inApp);
  const byEmail = targets.filter((id) => channels.get(id)?.email);
  const now = deps.clock.now();
  const actorName = ctx?.actor.name ?? 'Kefu';
  if (inApp.length > 0) {
    await tx.insert(notifications).values(
      inApp.map((userId) => ({ id: uuidv7(now.getTime()), userId, kind, ticketId, actorName, data, createdAt: now })),
    );
    afterCommit(tx, () => announce(deps.db, NOTIFICATIONS_CHANNEL, { userIds: inApp, kind, ticketId }));
  }
  await queueNotificationEmails(deps, tx, byEmail, { kind, ticketId, actorName, data });
}

/** Active supervisors and admins: who hears about a safety or group complaint. */
export async function supervisorIds(tx: Executor) {
  const rows = await tx.select({ id: users.id }).from(users).where(and(eq(users.active, true), inArray(users.role, ['supervisor', 'admin'])));
  return rows.map((r) => r.id);
}

/** Staff ids among the given ones (for @mentions: anything else is ignored). */
export async function activeStaffAmong(tx: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.id, ids), eq(users.active, true), inArray(users.role, ['agent', 'supervisor', 'admin'])));
  return rows.map((r) => r.id);
}

export async function listNotifications(deps: AppDeps, ctx: RequestContext, unreadOnly: boolean) {
  const rows = await deps.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, ctx.actor.userId), unreadOnly ? isNull(notifications.readAt) : undefined))
    .orderBy(desc(notifications.id))
    .limit(50);
  const [unread] = await deps.db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(eq(notifications.userId, ctx.actor.userId), isNull(notifications.readAt)));
  return {
    unread: unread?.n ?? 0,
    items: rows.map((r) => ({ id: r.id, kind: r.kind, ticketId: r.ticketId, actorName: r.actorName, data: r.data, readAt: r.readAt?.toISOString() ?? null, createdAt: r.createdAt.toISOString() })),
  };
}

export async function markNotificationsRead(deps: AppDeps, ctx: RequestContext, ids: string[] | 'all') {
  await deps.db
    .update(notifications)
    .set({ readAt: deps.clock.now() })
    .where(and(eq(notifications.userId, ctx.actor.userId), isNull(notifications.readAt), ids === 'all' ? undefined : inArray(notifications.id, ids)));
}
