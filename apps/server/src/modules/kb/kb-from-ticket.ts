/*
 * Cases → knowledge: a draft article prefilled from a ticket. Imported by the tickets module's
 * complaint "archive lesson" step, so this file reaches tickets only through its leaf files
 * (tables, repository), never its index: that would be an import cycle.
 */
import { and, asc, desc, eq, isNotNull, isNull } from 'drizzle-orm';
import { kbFromTicketBodySchema, type KbArticle, type KbFromTicketBody, type Locale } from '@kefu/contracts';
import type { AppDeps } from '../../platform/context.js';
import type { Executor } from '../../platform/db/client.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { notFound } from '../../platform/http/app-error.js';
import type { RequestContext } from '../auth/index.js';
import { findVisibleTicket, type TicketRow } from '../tickets/tickets.repository.js';
import { ticketMessages } from '../tickets/tickets.tables.js';
import { createArticle } from './kb-articles.service.js';
import { escapeHtml } from './kb-html.js';
import { requireKbEditor, type KbViewer } from './kb.policy.js';
import { presentArticle } from './kb.presenter.js';
import { kbArticles } from './kb.tables.js';

const headings: Record<Locale, { question: string; answer: string; cause: string; remedy: string; category: string }> = {
  'zh-CN': { question: '问题', answer: '解答', cause: '根本原因', remedy: '处理措施', category: '投诉分类' },
  en: { question: 'Question', answer: 'Answer', cause: 'Root cause', remedy: 'Remedy', category: 'Complaint category' },
};

/** The customer's first public message and the last public staff reply, as HTML. */
async function caseMessages(db: Executor, ticketId: string) {
  const [question] = await db.select({ html: ticketMessages.bodyHtml }).from(ticketMessages)
    .where(and(eq(ticketMessages.ticketId, ticketId), eq(ticketMessages.internal, false), isNull(ticketMessages.authorUserId)))
    .orderBy(asc(ticketMessages.id)).limit(1);
  const [answer] = await db.select({ html: ticketMessages.bodyHtml }).from(ticketMessages)
    .where(and(eq(ticketMessages.ticketId, ticketId), eq(ticketMessages.internal, false), isNotNull(ticketMessages.authorUserId)))
    .orderBy(desc(ticketMessages.id)).limit(1);
  return { question: question?.html ?? '', answer: answer?.html ?? '' };
}

/** The draft's body: question, answer and, for a complaint, its root cause and remedy. */
export async function draftBodyFromTicket(db: Executor, t: TicketRow, locale: Locale): Promise<string> {
  const h = headings[locale];
  const { question, answer } = await caseMessages(db, t.id);
  const parts = [`<h2>${h.question}</h2>`, question || `<p>${escapeHtml(t.subject)}</p>`];
  if (answer) parts.push(`<h2>${h.answer}</h2>`, answer);
  if (t.type === 'complaint') {
    if (t.complaintCategory) parts.push(`<h3>${h.category}</h3><p>${escapeHtml(t.complaintCategory)}</p>`);
    if (t.rootCause.trim()) parts.push(`<h3>${h.cause}</h3><p>${escapeHtml(t.rootCause)}</p>`);
    if (t.remedies.length || t.remedyNote) {
      parts.push(`<h3>${h.remedy}</h3><ul>${t.remedies.map((r) => `<li>${escapeHtml(r)}</li>`).join('')}</ul>${t.remedyNote ? `<p>${escapeHtml(t.remedyNote)}</p>` : ''}`);
    }
  }
  return parts.join('\n');
}

/**
 * Creates the draft inside `tx` (the caller checked the ticket is visible); an article already
 * drafted from this ticket is reused, so archiving a lesson twice does not make two drafts.
 */
export async function draftArticleFromTicket(deps: AppDeps, tx: Executor, ctx: RequestContext, t: TicketRow, locale?: Locale): Promise<string> {
  const [existing] = await tx.select({ id: kbArticles.id }).from(kbArticles).where(and(eq(kbArticles.sourceTicketId, t.id), eq(kbArticles.state, 'draft'))).limit(1);
  if (existing) return existing.id;
  const lang = locale ?? ctx.actor.locale;
  const bodyHtml = await draftBodyFromTicket(tx, t, lang);
  const row = await createArticle(deps, ctx, {
    title: t.subject.slice(0, 200), bodyHtml, locale: lang, visibility: t.type === 'complaint' ? 'internal' : 'public',
    tags: t.tags.slice(0, 20).map((x) => x.slice(0, 50)),
  }, { sourceTicketId: t.id, tx });
  return row.id;
}

export async function createArticleFromTicket(deps: AppDeps, ctx: RequestContext, viewer: KbViewer, input: KbFromTicketBody): Promise<KbArticle> {
  requireKbEditor(ctx.actor);
  const body = kbFromTicketBodySchema.parse(input);
  const id = await inTransaction(deps.db, async (tx) => {
    const t = await findVisibleTicket(tx, ctx.actor, body.ticketId);
    if (!t) throw notFound('Ticket');
    return draftArticleFromTicket(deps, tx, ctx, t, body.locale);
  });
  const [row] = await deps.db.select().from(kbArticles).where(eq(kbArticles.id, id)).limit(1);
  return presentArticle(deps.db, viewer, row!);
}
