import {
  cannedResponseLimits, createCannedResponseBodySchema, updateCannedResponseBodySchema,
  type CannedResponse, type CannedResponseCategories, type CannedResponseContext, type CreateCannedResponseBody,
  type ListCannedResponsesQuery, type Page, type RenderCannedResponseBody, type RenderedCannedResponse, type UpdateCannedResponseBody,
} from '@kefu/contracts';
import { previewCannedResponseBodySchema, renderCannedResponseBodySchema, type PreviewCannedResponseBody } from '@kefu/contracts';
import type { AppDeps } from '../../platform/context.js';
import { uniqueOr } from '../../platform/db/errors.js';
import { toPage } from '../../platform/db/pagination.js';
import { fieldConflict, invalidField } from '../../platform/http/app-error.js';
import { htmlToText, sanitizeHtml } from '../../platform/http/sanitize.js';
import { uuidv7 } from '../../platform/ids.js';
import { recordAudit } from '../audit/index.js';
import type { RequestContext } from '../auth/index.js';
import {
  authorizeCannedList, authorizeCannedRecord, authorizeCannedScope, authorizeCannedWrite,
} from './canned-responses.policy.js';
import { presentCannedResponse, snapshotCannedResponse } from './canned-responses.presenter.js';
import { renderCannedResponse } from './canned-responses.render.js';
import * as repo from './canned-responses.repository.js';

const SHORTCUT_KEY = 'canned_responses_owner_shortcut_key';
const shortcutTaken = () => fieldConflict('shortcut', 'is already used by another of your canned responses');
const entityType = 'canned_response';

/** Stores only what survives the allow-list; a body that was nothing but markup is refused. */
function cleanBody(html: string) {
  const body = sanitizeHtml(html);
  const bodyText = htmlToText(body);
  if (!bodyText.trim()) throw invalidField('body', 'has no text once unsafe or empty markup is removed');
  return { body, bodyText };
}

export async function listCannedResponses(deps: AppDeps, ctx: RequestContext, query: ListCannedResponsesQuery): Promise<Page<CannedResponse>> {
  authorizeCannedList(ctx.actor);
  const rows = await repo.listCannedResponses(deps.db, ctx.actor, query);
  return toPage(rows, query.limit, (r) => presentCannedResponse(ctx.actor, r));
}

export async function listCannedResponseCategories(deps: AppDeps, ctx: RequestContext): Promise<CannedResponseCategories> {
  authorizeCannedList(ctx.actor);
  return { items: await repo.categoryCounts(deps.db, ctx.actor, cannedResponseLimits.categories) };
}

export async function getCannedResponse(deps: AppDeps, ctx: RequestContext, id: string): Promise<CannedResponse> {
  const row = authorizeCannedRecord(ctx.actor, 'read', await repo.findCannedResponse(deps.db, id));
  return presentCannedResponse(ctx.actor, row);
}

export async function createCannedResponse(deps: AppDeps, ctx: RequestContext, input: CreateCannedResponseBody): Promise<CannedResponse> {
  authorizeCannedWrite(ctx.actor);
  const body = createCannedResponseBodySchema.parse(input);
  authorizeCannedScope(ctx.actor, body.scope);
  const clean = cleanBody(body.body);
  const now = deps.clock.now();
  return uniqueOr(SHORTCUT_KEY, shortcutTaken, () =>
    deps.db.transaction(async (tx) => {
      const inserted = await repo.insertCannedResponse(tx, {
        id: uuidv7(now.getTime()), title: body.title, ...clean, category: body.category, scope: body.scope,
        shortcut: body.shortcut, locale: body.locale, ownerId: ctx.actor.userId, createdAt: now, updatedAt: now,
      });
      await recordAudit(tx, ctx, { action: 'canned_response.created', entityType, entityId: inserted.id, after: snapshotCannedResponse(inserted) }, now);
      return presentCannedResponse(ctx.actor, { ...inserted, ownerName: ctx.actor.name });
    }),
  );
}

export async function updateCannedResponse(deps: AppDeps, ctx: RequestContext, id: string, input: UpdateCannedResponseBody): Promise<CannedResponse> {
  authorizeCannedWrite(ctx.actor);
  const patch = updateCannedResponseBodySchema.parse(input);
  const clean = patch.body === undefined ? {} : cleanBody(patch.body);
  const now = deps.clock.now();
  return uniqueOr(SHORTCUT_KEY, shortcutTaken, () =>
    deps.db.transaction(async (tx) => {
      const before = authorizeCannedRecord(ctx.actor, 'update', await repo.findCannedResponse(tx, id));
      // Moving a response into or out of the shared library changes what every agent sees.
      if (patch.scope && patch.scope !== before.scope) authorizeCannedScope(ctx.actor, 'shared');
      const row = await repo.updateCannedResponseRow(tx, id, { ...patch, ...clean, updatedAt: now });
      await recordAudit(tx, ctx, { action: 'canned_response.updated', entityType, entityId: id, before: snapshotCannedResponse(before), after: snapshotCannedResponse(row) }, now);
      return presentCannedResponse(ctx.actor, { ...row, ownerName: before.ownerName });
    }),
  );
}

export async function deleteCannedResponse(deps: AppDeps, ctx: RequestContext, id: string): Promise<void> {
  authorizeCannedWrite(ctx.actor);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const before = authorizeCannedRecord(ctx.actor, 'delete', await repo.findCannedResponse(tx, id));
    await repo.deleteCannedResponseRow(tx, id);
    await recordAudit(tx, ctx, { action: 'canned_response.deleted', entityType, entityId: id, before: snapshotCannedResponse(before) }, now);
  });
}

/**
 * Renders a response for the caller with `context` (customer, ticket, organization) and counts the
 * use. `agent.*` always comes from the caller. The ticket reply box calls this with real data.
 */
export async function applyCannedResponse(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  context: Omit<CannedResponseContext, 'agent'> = {},
): Promise<RenderedCannedResponse> {
  const row = authorizeCannedRecord(ctx.actor, 'read', await repo.findCannedResponse(deps.db, id));
  await repo.incrementUsage(deps.db, id);
  return renderCannedResponse(row.body, { ...context, agent: { name: ctx.actor.name } });
}

export async function renderCannedResponseForCaller(deps: AppDeps, ctx: RequestContext, id: string, input: RenderCannedResponseBody) {
  const { context } = renderCannedResponseBodySchema.parse(input);
  return applyCannedResponse(deps, ctx, id, context);
}

/** The editor's live preview: the same sanitizing and rendering as a saved response, nothing stored. */
export function previewCannedResponse(ctx: RequestContext, input: PreviewCannedResponseBody): RenderedCannedResponse {
  authorizeCannedList(ctx.actor);
  const { body, context } = previewCannedResponseBodySchema.parse(input);
  return renderCannedResponse(sanitizeHtml(body), { ...context, agent: { name: ctx.actor.name } });
}
