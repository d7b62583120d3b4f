import { and, desc, eq } from 'drizzle-orm';
import { roleRank, type ApiToken, type CreateTokenBody } from '@kefu/contracts';
import type { AppDeps } from '../../platform/context.js';
import { invalidField, notFound } from '../../platform/http/app-error.js';
import { randomSecret, sha256, uuidv7 } from '../../platform/ids.js';
import { recordAudit } from '../audit/index.js';
import { authorizeCrud, invalidateAuth, type RequestContext } from '../auth/index.js';
import { apiTokens } from './tokens.tables.js';

type TokenRow = typeof apiTokens.$inferSelect;

const present = (t: TokenRow): ApiToken => ({
  id: t.id,
  name: t.name,
  role: t.role,
  prefix: t.prefix,
  lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
  expiresAt: t.expiresAt?.toISOString() ?? null,
  revokedAt: t.revokedAt?.toISOString() ?? null,
  createdAt: t.createdAt.toISOString(),
});

/**
 * Tokens are for integrations run by staff. A token can only be made from a signed-in session,
 * so a leaked token cannot mint more of itself.
 */
function authorizeTokens(ctx: RequestContext, action: 'list' | 'create' | 'delete') {
  authorizeCrud(ctx.actor, action, { entity: 'API token', read: 'agent', write: 'agent' });
  if (action === 'create' && ctx.actor.via === 'token') throw invalidField('authorization', 'API tokens are created from a signed-in session');
}

export async function listTokens(deps: AppDeps, ctx: RequestContext) {
  authorizeTokens(ctx, 'list');
  const rows = await deps.db.select().from(apiTokens).where(eq(apiTokens.userId, ctx.actor.userId)).orderBy(desc(apiTokens.id));
  return { items: rows.map(present) };
}

export async function createToken(deps: AppDeps, ctx: RequestContext, body: CreateTokenBody) {
  authorizeTokens(ctx, 'create');
  const role = body.role ?? ctx.actor.userRole;
  if (roleRank[role] > roleRank[ctx.actor.userRole]) throw invalidField('role', `must not exceed your own role (${ctx.actor.userRole})`);
  const now = deps.clock.now();
  const prefix = randomSecret(6).replace(/[-_]/g, 'x').slice(0, 8);
  const secret = `kefu_${prefix}_${randomSecret(32)}`;
  const row = await deps.db.transaction(async (tx) => {
    const [inserted] = await tx.insert(apiTokens).values({
      id: uuidv7(now.getTime()), userId: ctx.actor.userId, name: body.name, role, prefix, secretHash: sha256(secret),
      expiresAt: body.expiresInDays ? new Date(now.getTime() + body.expiresInDays * 86_400_000) : null, createdAt: now,
    }).returning();
    await recordAudit(tx, ctx, { action: 'token.created', entityType: 'api_token', entityId: inserted!.id, after: { name: body.name, role, prefix } }, now);
    return inserted!;
  });
  return { token: present(row), secret };
}

/** Revoking keeps the row (for the audit trail) and stops it working at once on every instance. */
export async function revokeToken(deps: AppDeps, ctx: RequestContext, id: string) {
  authorizeTokens(ctx, 'delete');
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const [row] = await tx.select().from(apiTokens).where(and(eq(apiTokens.id, id), eq(apiTokens.userId, ctx.actor.userId))).limit(1);
    if (!row) throw notFound('API token');
    if (row.revokedAt) return;
    await tx.update(apiTokens).set({ revokedAt: now }).where(eq(apiTokens.id, id));
    await invalidateAuth(deps, tx, { tokenId: id });
    await recordAudit(tx, ctx, { action: 'token.revoked', entityType: 'api_token', entityId: id, before: { name: row.name, revoked: false }, after: { name: row.name, revoked: true } }, now);
  });
}
