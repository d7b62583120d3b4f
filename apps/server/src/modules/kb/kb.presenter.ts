import { and, eq } from 'drizzle-orm';
import type { KbArticle, KbArticleSummary, KbAttachment, KbVersion, KbVersionSummary } from '@kefu/contracts';
import type { Executor } from '../../platform/db/client.js';
import { excerptOf, sanitizeArticleHtml } from './kb-html.js';
import { canReadArticle, isKbStaff, type KbViewer } from './kb.policy.js';
import * as repo from './kb.repository.js';
import { kbVotes } from './kb.tables.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function presentSummary(a: repo.ArticleRow, categoryName: string | null, authorName: string | null): KbArticleSummary {
  return {
    id: a.id, categoryId: a.categoryId, categoryName, title: a.title, excerpt: excerptOf(a.bodyText), state: a.state, visibility: a.visibility,
    locale: a.locale, tags: a.tags, version: a.version, author: a.authorId ? { id: a.authorId, name: authorName ?? '' } : null,
    updatedAt: a.updatedAt.toISOString(), publishedAt: iso(a.publishedAt), viewCount: a.viewCount, helpfulCount: a.helpfulCount, notHelpfulCount: a.notHelpfulCount,
  };
}

export const presentAttachment = (f: repo.AttachmentRow): KbAttachment => ({
  id: f.id, filename: f.filename, contentType: f.contentType, size: f.size, downloadCount: f.downloadCount,
  url: `/api/v1/kb/attachments/${f.id}`, createdAt: f.createdAt.toISOString(),
});

/** The whole article for this viewer: translations, related articles and files they may see only. */
export async function presentArticle(db: Executor, viewer: KbViewer, a: repo.ArticleRow): Promise<KbArticle> {
  const staff = isKbStaff(viewer);
  const [category, authorName, translations, files, uses, vote] = await Promise.all([
    a.categoryId ? repo.findCategory(db, a.categoryId) : undefined,
    repo.userName(db, a.authorId),
    repo.translationsOf(db, a),
    repo.attachmentsOf(db, a.id),
    staff ? repo.usesCount(db, a.id) : 0,
    db.select({ helpful: kbVotes.helpful, comment: kbVotes.comment }).from(kbVotes).where(and(eq(kbVotes.articleId, a.id), eq(kbVotes.visitor, viewer.visitor))).limit(1),
  ]);
  const manual = (await repo.articleTitles(db, a.relatedIds)).filter((r) => r.state === 'published' && canReadArticle(viewer, r));
  const byId = new Map(manual.map((r) => [r.id, r]));
  const related: KbArticle['related'] = a.relatedIds.filter((id) => byId.has(id)).map((id) => ({ id, title: byId.get(id)!.title, source: 'manual' as const }));
  if (related.length < 5) {
    for (const r of await repo.autoRelated(db, a, staff, 10)) {
      if (related.length >= 5) break;
      if (!related.some((x) => x.id === r.id)) related.push({ id: r.id, title: r.title, source: 'auto' });
    }
  }
  return {
    ...presentSummary(a, category?.name ?? null, authorName),
    // Sanitized again on the way out: whatever reached the table, no script reaches a browser.
    bodyHtml: sanitizeArticleHtml(a.bodyHtml),
    bodyText: a.bodyText,
    translationGroupId: a.translationGroupId,
    translations: translations.filter((t) => canReadArticle(viewer, t)).map((t) => ({ id: t.id, locale: t.locale, title: t.title, state: t.state })),
    attachments: files.map(presentAttachment),
    related,
    relatedIds: staff ? a.relatedIds : [],
    usedByTickets: uses,
    deflectionCount: a.deflectionCount,
    myVote: vote[0] ? { helpful: vote[0].helpful, comment: vote[0].comment } : null,
    createdAt: a.createdAt.toISOString(),
    archivedAt: iso(a.archivedAt),
    editable: staff,
  };
}

export const presentVersionSummary = (v: repo.VersionRow): KbVersionSummary => ({
  version: v.version, title: v.title, authorId: v.authorId, authorName: v.authorName, createdAt: v.createdAt.toISOString(), note: v.note,
});

export const presentVersion = (v: repo.VersionRow): KbVersion => ({
  ...presentVersionSummary(v), bodyHtml: sanitizeArticleHtml(v.bodyHtml), bodyText: v.bodyText, state: v.state, visibility: v.visibility, categoryId: v.categoryId, tags: v.tags,
});
