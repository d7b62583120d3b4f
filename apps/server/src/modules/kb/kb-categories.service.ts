import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import {
  createKbCategoryBodySchema, kbLimits, moveKbCategoryBodySchema, updateKbCategoryBodySchema,
  type CreateKbCategoryBody, type KbCategory, type KbCategoryList, type MoveKbCategoryBody, type UpdateKbCategoryBody,
} from '@kefu/contracts';
import type { AppDeps } from '../../platform/context.js';
import type { Executor } from '../../platform/db/client.js';
import { uniqueOr } from '../../platform/db/errors.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { AppError, fieldConflict, invalidField, notFound } from '../../platform/http/app-error.js';
import { uuidv7 } from '../../platform/ids.js';
import { recordAudit } from '../audit/index.js';
import type { RequestContext } from '../auth/index.js';
import { kbSearchChanged } from './kb-search-cache.js';
import { isKbStaff, requireKbManager, type KbViewer } from './kb.policy.js';
import * as repo from './kb.repository.js';
import { kbArticles, kbCategories } from './kb.tables.js';

const SLUG_KEY = 'kb_categories_slug_key';
const slugTaken = () => fieldConflict('slug', 'is already used by another category');
const entityType = 'kb_category';

const present = (c: repo.CategoryRow, articleCount: number): KbCategory => ({
  id: c.id, parentId: c.parentId, name: c.name, slug: c.slug, description: c.description, position: c.position, articleCount,
  createdAt: c.createdAt.toISOString(), updatedAt: c.updatedAt.toISOString(),
});

/**
 * The tree as a flat list. Customers get only categories holding published public articles, or
 * with such a descendant (an empty branch would be a dead end in the portal).
 */
export async function listCategories(deps: AppDeps, viewer: KbViewer): Promise<KbCategoryList> {
  const staff = isKbStaff(viewer);
  // Raw names: drizzle leaves columns unqualified in a single-table select, which a subquery would misread.
  const visible = staff ? sql`true` : sql`a.state = 'published' and a.visibility = 'public'`;
  const rows = await deps.db
    .select({ c: kbCategories, n: sql<number>`(select count(*) from kb_articles a where a.category_id = kb_categories.id and ${visible})::int` })
    .from(kbCategories)
    .orderBy(asc(kbCategories.parentId), asc(kbCategories.position), asc(kbCategories.name))
    .limit(5000);
  if (staff) return { items: rows.map((r) => present(r.c, Number(r.n))) };
  const byId = new Map(rows.map((r) => [r.c.id, r]));
  const keep = new Set<string>();
  for (const r of rows) {
    if (Number(r.n) === 0) continue;
    for (let at: string | null = r.c.id, depth = 0; at && depth < 50; at = byId.get(at)?.c.parentId ?? null, depth++) keep.add(at);
  }
  return { items: rows.filter((r) => keep.has(r.c.id)).map((r) => present(r.c, Number(r.n))) };
}

async function depthOf(db: Executor, id: string | null): Promise<number> {
  let depth = 0;
  for (let at = id; at; depth++) {
    if (depth > kbLimits.categoryDepth) break;
    at = (await repo.findCategory(db, at))?.parentId ?? null;
  }
  return depth;
}

async function nextPosition(db: Executor, parentId: string | null) {
  const [r] = await db.select({ p: sql<number>`coalesce(max(${kbCategories.position}) + 1, 0)::int` }).from(kbCategories)
    .where(parentId ? eq(kbCategories.parentId, parentId) : isNull(kbCategories.parentId));
  return Number(r?.p ?? 0);
}

/** Puts `id` at `position` among its siblings and renumbers them 0, 1, 2 … */
async function placeAmongSiblings(tx: Executor, id: string, parentId: string | null, position: number) {
  const siblings = await tx.select({ id: kbCategories.id }).from(kbCategories)
    .where(and(parentId ? eq(kbCategories.parentId, parentId) : isNull(kbCategories.parentId), sql`${kbCategories.id} <> ${id}`))
    .orderBy(asc(kbCategories.position), asc(kbCategories.name));
  const order = siblings.map((s) => s.id);
  order.splice(Math.min(position, order.length), 0, id);
  for (const [i, sid] of order.entries()) await tx.update(kbCategories).set({ position: i }).where(eq(kbCategories.id, sid));
}

export async function createCategory(deps: AppDeps, ctx: RequestContext, input: CreateKbCategoryBody): Promise<KbCategory> {
  requireKbManager(ctx.actor);
  const body = createKbCategoryBodySchema.parse(input);
  const now = deps.clock.now();
  return uniqueOr(SLUG_KEY, slugTaken, () =>
    inTransaction(deps.db, async (tx) => {
      if (body.parentId) {
        if (!(await repo.findCategory(tx, body.parentId))) throw invalidField('parentId', 'names no category');
        if ((await depthOf(tx, body.parentId)) >= kbLimits.categoryDepth) throw invalidField('parentId', `categories nest at most ${kbLimits.categoryDepth} deep`);
      }
      const id = uuidv7(now.getTime());
      const [row] = await tx.insert(kbCategories).values({
        id, parentId: body.parentId, name: body.name, slug: body.slug, description: body.description,
        position: await nextPosition(tx, body.parentId), createdAt: now, updatedAt: now,
      }).returning();
      if (body.position !== undefined) await placeAmongSiblings(tx, id, body.parentId, body.position);
      await recordAudit(tx, ctx, { action: 'kb_category.created', entityType, entityId: id, after: { name: body.name, parentId: body.parentId } }, now);
      return present((await repo.findCategory(tx, id)) ?? row!, 0);
    }),
  );
}

export async function updateCategory(deps: AppDeps, ctx: RequestContext, id: string, input: UpdateKbCategoryBody): Promise<KbCategory> {
  requireKbManager(ctx.actor);
  const patch = updateKbCategoryBodySchema.parse(input);
  const now = deps.clock.now();
  return uniqueOr(SLUG_KEY, slugTaken, () =>
    inTransaction(deps.db, async (tx) => {
      const before = await repo.findCategory(tx, id);
      if (!before) throw notFound('Category');
      const [row] = await tx.update(kbCategories).set({ ...patch, updatedAt: now }).where(eq(kbCategories.id, id)).returning();
      // Results show the category's name.
      await kbSearchChanged(deps, tx);
      await recordAudit(tx, ctx, { action: 'kb_category.updated', entityType, entityId: id, before: { name: before.name }, after: { name: row!.name } }, now);
      const [n] = await tx.select({ n: sql<number>`count(*)::int` }).from(kbArticles).where(eq(kbArticles.categoryId, id));
      return present(row!, Number(n?.n ?? 0));
    }),
  );
}

/** Moves a category; refuses to put it under itself or one of its descendants (a cycle). */
export async function moveCategory(deps: AppDeps, ctx: RequestContext, id: string, input: MoveKbCategoryBody): Promise<KbCategoryList> {
  requireKbManager(ctx.actor);
  const body = moveKbCategoryBodySchema.parse(input);
  const now = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    // One mover at a time: two concurrent moves could each pass the cycle check and form a loop.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('kb_categories_tree'))`);
    const row = await repo.findCategory(tx, id);
    if (!row) throw notFound('Category');
    if (body.parentId) {
      for (let at: string | null = body.parentId, depth = 0; at; depth++) {
        if (at === id) throw invalidField('parentId', 'must not be the category itself or one of its subcategories');
        if (depth > 100) break;
        const parent: repo.CategoryRow | undefined = await repo.findCategory(tx, at);
        if (!parent) throw invalidField('parentId', 'names no category');
        at = parent.parentId;
      }
      if ((await depthOf(tx, body.parentId)) >= kbLimits.categoryDepth) throw invalidField('parentId', `categories nest at most ${kbLimits.categoryDepth} deep`);
    }
    await tx.update(kbCategories).set({ parentId: body.parentId, updatedAt: now }).where(eq(kbCategories.id, id));
    await placeAmongSiblings(tx, id, body.parentId, body.position);
    await recordAudit(tx, ctx, { action: 'kb_category.moved', entityType, entityId: id, before: { parentId: row.parentId, position: row.position }, after: body }, now);
  });
  return listCategories(deps, { actor: ctx.actor, ctx, visitor: `u:${ctx.actor.userId}` });
}

export async function deleteCategory(deps: AppDeps, ctx: RequestContext, id: string) {
  requireKbManager(ctx.actor);
  await inTransaction(deps.db, async (tx) => {
    const row = await repo.findCategory(tx, id);
    if (!row) throw notFound('Category');
    const [children] = await tx.select({ n: sql<number>`count(*)::int` }).from(kbCategories).where(eq(kbCategories.parentId, id));
    const [articles] = await tx.select({ n: sql<number>`count(*)::int` }).from(kbArticles).where(eq(kbArticles.categoryId, id));
    if (Number(children?.n) > 0 || Number(articles?.n) > 0) {
      throw new AppError('conflict', 'Move or delete its subcategories and articles first', { errors: [{ field: 'id', message: `holds ${children?.n} subcategories and ${articles?.n} articles` }] });
    }
    await tx.delete(kbCategories).where(eq(kbCategories.id, id));
    await recordAudit(tx, ctx, { action: 'kb_category.deleted', entityType, entityId: id, before: { name: row.name } }, deps.clock.now());
  });
}
