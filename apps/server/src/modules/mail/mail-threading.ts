import type { Executor } from '../../platform/db/client.js';
import * as repo from './mail-ingest.repository.js';

/** `<id@host>` → `id@host`; Message-IDs are compared as stored (case-sensitive local part). */
export function bareMessageId(value: string | null | undefined): string | null {
  if (!value) return null;
  const t = value.trim().replace(/^<+/, '').replace(/>+$/, '').trim();
  return t && t.length <= 998 && !/[\s\u0000]/.test(t) ? t : null;
}

/** The ticket token we put in subjects: `[#10042]`. */
const TOKEN = /\[#(\d{1,15})\]/;

export function subjectToken(subject: string): number | null {
  const m = TOKEN.exec(subject);
  if (!m) return null;
  const n = Number(m[1]);
  return Number.isSafeInteger(n) ? n : null;
}

/** How a message found its ticket, for the timeline and tests. */
export type ThreadMatch = { ticketId: string; by: 'in-reply-to' | 'references' | 'subject' } | null;

/** The Message-IDs a message refers to: In-Reply-To, then References from the newest back. */
export function threadIds(mail: { inReplyTo: string | null; references: string[] }): string[] {
  const inReplyTo = bareMessageId(mail.inReplyTo);
  // A hostile References header may list thousands of ids; the newest 50 are what threads use.
  const refs = mail.references.map(bareMessageId).filter((x): x is string => x !== null).reverse().slice(0, 50);
  return [...new Set([...(inReplyTo ? [inReplyTo] : []), ...refs])];
}

/**
 * The ticket a message answers: In-Reply-To first (the message it replies to), then References
 * from the newest back, matched against Message-IDs we stored or sent; else the subject token.
 * `tickets` is the caller's lookup of `threadIds` (Message-ID → ticket), made with its dedupe query.
 */
export async function findThread(
  db: Executor, mail: { inReplyTo: string | null; references: string[]; subject: string }, tickets: Map<string, string>,
): Promise<ThreadMatch> {
  const ids = threadIds(mail);
  const inReplyTo = bareMessageId(mail.inReplyTo);
  for (const id of ids) {
    if (tickets.has(id)) return { ticketId: tickets.get(id)!, by: id === inReplyTo ? 'in-reply-to' : 'references' };
  }
  const number = subjectToken(mail.subject);
  if (number !== null) {
    const ticketId = await repo.ticketIdByNumber(db, number);
    if (ticketId) return { ticketId, by: 'subject' };
  }
  return null;
}
