import {
  ticketToolLimits, type createSavedViewBodySchema, type SavedView, type SavedViewScope, type updateSavedViewBodySchema,
} from '@kefu/contracts';
import type { z } from 'zod';
import type { AppDeps } from '../../platform/context.js';
import { uniqueOr } from '../../platform/db/errors.js';
import { AppError, fieldConflict } from '../../platform/http/app-error.js';
import { uuidv7 } from '../../platform/ids.js';
import { recordAudit } from '../audit/index.js';
import type { RequestContext } from '../auth/index.js';
import { authorizeViewAccess, authorizeViewRecord, authorizeViewScope } from './saved-views.policy.js';
import { filtersToQuery, presentSavedView, snapshotSavedView } from './saved-views.presenter.js';
import * as repo from './saved-views.repository.js';

/** Bodies as the route's schema parsed them (filters already checked by the queue's own schema). */
export type CreateSavedViewInput = z.output<typeof createSavedViewBodySchema>;
export type UpdateSavedViewInput = z.output<typeof updateSavedViewBodySchema>;

const entityType = 'saved_view';
const nameTaken = () => fieldConflict('name', 'is already the name of another view in this list');
const asNameConflict = <T>(work: () => Promise<T>) =>
  uniqueOr('saved_views_personal_name_key', nameTaken, () => uniqueOr('saved_views_shared_name_key', nameTaken, work));

async function assertRoom(tx: Parameters<typeof repo.listStats>[0], scope: SavedViewScope, ownerId: string) {
  const stats = await repo.listStats(tx, scope, ownerId);
  if (stats.count >= ticketToolLimits.views) {
    throw new AppError('conflict', `A list holds at most ${ticketToolLimits.views} views; delete one first`, { errors: [{ field: 'scope', message: 'this list is full' }] });
  }
  return stats;
}

export async function listSavedViews(deps: AppDeps, ctx: RequestContext): Promise<{ items: SavedView[] }> {
  authorizeViewAccess(ctx.actor);
  const rows = await repo.listSavedViews(deps.db, ctx.actor);
  return { items: rows.map((r) => presentSavedView(ctx.actor, r)) };
}

export async function createSavedView(deps: AppDeps, ctx: RequestContext, body: CreateSavedViewInput): Promise<SavedView> {
  authorizeViewScope(ctx.actor, body.scope);
  const now = deps.clock.now();
  return asNameConflict(() =>
    deps.db.transaction(async (tx) => {
      const stats = await assertRoom(tx, body.scope, ctx.actor.userId);
      if (await repo.nameTaken(tx, body.scope, ctx.actor.userId, body.name)) throw nameTaken();
      const row = await repo.insertSavedView(tx, {
        id: uuidv7(now.getTime()), ownerId: ctx.actor.userId, name: body.name, scope: body.scope, filters: filtersToQuery(body.filters),
        position: body.position ?? stats.nextPosition, createdAt: now, updatedAt: now,
      });
      await recordAudit(tx, ctx, { action: 'saved_view.created', entityType, entityId: row.id, after: snapshotSavedView(row) }, now);
      return presentSavedView(ctx.actor, { ...row, ownerName: ctx.actor.name });
    }),
  );
}

export async function updateSavedView(deps: AppDeps, ctx: RequestContext, id: string, patch: UpdateSavedViewInput): Promise<SavedView> {
  authorizeViewAccess(ctx.actor);
  const now = deps.clock.now();
  return asNameConflict(() =>
    deps.db.transaction(async (tx) => {
      const before = authorizeViewRecord(ctx.actor, await repo.findSavedView(tx, id, true));
      const scope = patch.scope ?? before.scope;
      if (scope !== before.scope) {
        // Publishing or withdrawing changes every agent's sidebar; a shared view becomes personal
        // only for its owner, so nobody is handed a view they never made.
        authorizeViewScope(ctx.actor, 'shared');
        if (scope === 'personal' && before.ownerId !== ctx.actor.userId) throw new AppError('forbidden', 'Only its owner may make a shared view personal again');
        await assertRoom(tx, scope, before.ownerId);
      }
      const name = patch.name ?? before.name;
      if ((patch.name !== undefined || scope !== before.scope) && (await repo.nameTaken(tx, scope, before.ownerId, name, id))) throw nameTaken();
      const row = await repo.updateSavedViewRow(tx, id, {
        name, scope, ...(patch.filters ? { filters: filtersToQuery(patch.filters) } : {}),
        ...(patch.position !== undefined ? { position: patch.position } : {}), updatedAt: now,
      });
      await recordAudit(tx, ctx, { action: 'saved_view.updated', entityType, entityId: id, before: snapshotSavedView(before), after: snapshotSavedView(row) }, now);
      return presentSavedView(ctx.actor, { ...row, ownerName: before.ownerName });
    }),
  );
}

export async function deleteSavedView(deps: AppDeps, ctx: RequestContext, id: string): Promise<void> {
  authorizeViewAccess(ctx.actor);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const before = authorizeViewRecord(ctx.actor, await repo.findSavedView(tx, id, true));
    await repo.deleteSavedViewRow(tx, id);
    await recordAudit(tx, ctx, { action: 'saved_view.deleted', entityType, entityId: id, before: snapshotSavedView(before) }, now);
  });
}
