import { and, eq, gte, lte } from 'drizzle-orm';
import type { AuditEvent, ListAuditEventsQuery, Page } from '@kefu/contracts';
import type { AppDeps } from '../../platform/context.js';
import type { Executor } from '../../platform/db/client.js';
import { keyset, toPage } from '../../platform/db/pagination.js';
import { uuidv7 } from '../../platform/ids.js';
import type { RequestContext } from '../auth/actor.js';
import { authorizeAudit } from './audit.policy.js';
import { auditEvents } from './audit.tables.js';

type Snapshot = Record<string, unknown> | null;
const SECRET_KEYS = new Set(['passwordHash', 'password', 'secretHash', 'secret', 'token']);

function redact(snapshot: Snapshot): Snapshot {
  if (!snapshot) return null;
  return Object.fromEntries(
    Object.entries(snapshot)
      .filter(([k]) => !SECRET_KEYS.has(k))
      .map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v]),
  );
}

/** Keep only the fields that changed, so an event reads as a diff. */
function diff(before: Snapshot, after: Snapshot): [Snapshot, Snapshot] {
  if (!before || !after) return [before, after];
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const k of keys) {
    if (k === 'updatedAt') continue;
    if (JSON.stringify(before[k]) !== JSON.stringify(after[k])) {
      b[k] = before[k];
      a[k] = after[k];
    }
  }
  return [b, a];
}

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string | null;
  before?: Snapshot;
  after?: Snapshot;
}

/** Written in the caller's transaction: the change and its audit record commit or fail together. */
export async function recordAudit(exec: Executor, ctx: RequestContext, entry: AuditEntry, now: Date) {
  const [before, after] = diff(redact(entry.before ?? null), redact(entry.after ?? null));
  await exec.insert(auditEvents).values({
    id: uuidv7(now.getTime()),
    actorId: ctx.actor.userId,
    actorName: ctx.actor.name,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before,
    after,
    ip: ctx.ip,
    userAgent: ctx.userAgent?.slice(0, 500) ?? null,
    createdAt: now,
  });
}

export async function listAuditEvents(
  deps: AppDeps,
  ctx: RequestContext,
  query: ListAuditEventsQuery,
): Promise<Page<AuditEvent>> {
  authorizeAudit(ctx.actor, 'list');
  const page = keyset(auditEvents.id, query.cursor, [
    query.actorId ? eq(auditEvents.actorId, query.actorId) : undefined,
    query.entityType ? eq(auditEvents.entityType, query.entityType) : undefined,
    query.entityId ? eq(auditEvents.entityId, query.entityId) : undefined,
    query.action ? eq(auditEvents.action, query.action) : undefined,
    query.from ? gte(auditEvents.createdAt, new Date(query.from)) : undefined,
    query.to ? lte(auditEvents.createdAt, new Date(query.to)) : undefined,
  ]);
  const rows = await deps.db.select().from(auditEvents).where(and(page.where)).orderBy(page.orderBy).limit(query.limit + 1);
  return toPage(rows, query.limit, (r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}
