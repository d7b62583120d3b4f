import { eq } from 'drizzle-orm';
import type { AppDeps } from '../../platform/context.js';
import { notFound } from '../../platform/http/app-error.js';
import { isStaff, type RequestContext } from '../auth/index.js';
import { findVisibleTicket, ticketMessages } from '../tickets/index.js';
import { findMailMessage, type MailMessageRow } from './mail-ingest.repository.js';

/**
 * The stored email if this caller may download its original, else 404 (never saying whether it
 * exists): whoever may see the ticket; customers only the originals of public messages, so a
 * flagged note from another sender or a bounce report stays with staff.
 */
export async function findRawDownloadable(deps: AppDeps, ctx: RequestContext, id: string): Promise<MailMessageRow> {
  const m = await findMailMessage(deps.db, id);
  if (!m || !m.ticketId || !m.rawBlobKey) throw notFound('Email');
  if (!(await findVisibleTicket(deps.db, ctx.actor, m.ticketId))) throw notFound('Email');
  if (!isStaff(ctx.actor)) {
    if (!m.ticketMessageId) throw notFound('Email');
    const [tm] = await deps.db.select({ internal: ticketMessages.internal }).from(ticketMessages).where(eq(ticketMessages.id, m.ticketMessageId)).limit(1);
    if (!tm || tm.internal) throw notFound('Email');
  }
  return m;
}
