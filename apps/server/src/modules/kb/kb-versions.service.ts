import { diffArrays } from 'diff';
import type { KbArticle, KbDiff, KbDiffRow, KbVersion, KbVersionList } from '@kefu/contracts';
import type { AppDeps } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { notFound } from '../../platform/http/app-error.js';
import type { RequestContext } from '../auth/index.js';
import { saveVersion } from './kb-articles.service.js';
import { authorizeArticleRead, isKbStaff, requireKbEditor, type KbViewer } from './kb.policy.js';
import { presentArticle, presentVersion, presentVersionSummary } from './kb.presenter.js';
import * as repo from './kb.repository.js';

/*
 * History is staff-only: an earlier version of a public article may hold what was taken out for a
 * reason (a wrong price, an internal note), so customers get 404 like for any internal record.
 */
async function readableArticle(deps: AppDeps, viewer: KbViewer, id: string) {
  const a = authorizeArticleRead(viewer, await repo.findArticle(deps.db, id));
  if (!isKbStaff(viewer)) throw notFound('Article');
  return a;
}

export async function listArticleVersions(deps: AppDeps, viewer: KbViewer, id: string): Promise<KbVersionList> {
  await readableArticle(deps, viewer, id);
  return { items: (await repo.listVersions(deps.db, id)).map(presentVersionSummary) };
}

export async function getArticleVersion(deps: AppDeps, viewer: KbViewer, id: string, version: number): Promise<KbVersion> {
  await readableArticle(deps, viewer, id);
  const v = await repo.findVersion(deps.db, id, version);
  if (!v) throw notFound('Version');
  return presentVersion(v);
}

const lines = (s: string) => (s ? s.split('\n') : []);

/** Side-by-side rows: a change is its removed lines followed by its added lines. */
export function sideBySide(from: string[], to: string[]): KbDiffRow[] {
  const rows: KbDiffRow[] = [];
  let l = 0;
  let r = 0;
  for (const part of diffArrays(from, to)) {
    for (const value of part.value) {
      if (part.added) rows.push({ kind: 'added', left: null, right: value, leftLine: null, rightLine: ++r });
      else if (part.removed) rows.push({ kind: 'removed', left: value, right: null, leftLine: ++l, rightLine: null });
      else rows.push({ kind: 'equal', left: value, right: value, leftLine: ++l, rightLine: ++r });
    }
  }
  return rows;
}

export async function diffArticleVersions(deps: AppDeps, viewer: KbViewer, id: string, from: number, to: number): Promise<KbDiff> {
  await readableArticle(deps, viewer, id);
  const [a, b] = await Promise.all([repo.findVersion(deps.db, id, from), repo.findVersion(deps.db, id, to)]);
  if (!a || !b) throw notFound('Version');
  const fields: KbDiff['fields'] = [];
  const compare = (field: string, x: string | null, y: string | null) => {
    if (x !== y) fields.push({ field, from: x, to: y });
  };
  compare('state', a.state, b.state);
  compare('visibility', a.visibility, b.visibility);
  compare('categoryId', a.categoryId, b.categoryId);
  compare('tags', a.tags.join(', '), b.tags.join(', '));
  return {
    from: presentVersionSummary(a),
    to: presentVersionSummary(b),
    title: sideBySide([a.title], [b.title]),
    body: sideBySide(lines(a.bodyText), lines(b.bodyText)),
    fields,
  };
}

/** Restoring copies the old version's content into a new version; history is never rewritten. */
export async function restoreArticleVersion(deps: AppDeps, ctx: RequestContext, viewer: KbViewer, id: string, version: number): Promise<KbArticle> {
  requireKbEditor(ctx.actor);
  const row = await inTransaction(deps.db, async (tx) => {
    const before = await repo.findArticle(tx, id, true);
    if (!before) throw notFound('Article');
    const v = await repo.findVersion(tx, id, version);
    if (!v) throw notFound('Version');
    const categoryId = v.categoryId && (await repo.findCategory(tx, v.categoryId)) ? v.categoryId : null;
    return saveVersion(deps, tx, ctx, before, { title: v.title, bodyHtml: v.bodyHtml, bodyText: v.bodyText, tags: v.tags, visibility: v.visibility, categoryId }, `restored from version ${version}`);
  });
  return presentArticle(deps.db, viewer, row);
}
