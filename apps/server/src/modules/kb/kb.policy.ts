import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { KbArticleState, KbVisibility } from '@kefu/contracts';
import { forbidden, notFound } from '../../platform/http/app-error.js';
import { atLeast, isStaff, type Actor, type RequestContext } from '../auth/index.js';

/**
 * Who is reading the knowledge base: a signed-in actor, or an anonymous portal visitor. `visitor`
 * keys the once-a-day view, the one vote and the daily deflection: the user id, else a hash of
 * the visitor cookie (or of IP and user agent when cookies are refused). No raw address is stored.
 */
export interface KbViewer {
  readonly actor: Actor | null;
  readonly ctx: RequestContext | null;
  readonly visitor: string;
}

export const VISITOR_COOKIE = 'kefu_visitor';
const hash = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 32);

export function viewerOf(request: FastifyRequest, reply?: FastifyReply): KbViewer {
  const actor = request.actor;
  const ctx = actor ? { actor, ip: request.ip ?? null, userAgent: request.headers['user-agent'] ?? null } : null;
  if (actor) return { actor, ctx, visitor: `u:${actor.userId}` };
  const cookie = request.cookies[VISITOR_COOKIE];
  if (cookie && /^[a-f0-9]{32}$/.test(cookie)) return { actor: null, ctx: null, visitor: `a:${cookie}` };
  // Without a cookie the visitor is IP + user agent; the cookie then carries that same id, so the
  // first request and the later ones are one visitor even after the address changes.
  const id = hash(`${request.ip ?? ''}|${request.headers['user-agent'] ?? ''}`);
  reply?.setCookie(VISITOR_COOKIE, id, { httpOnly: true, sameSite: 'lax', path: '/', maxAge: 365 * 86400 });
  const key = id;
  return { actor: null, ctx: null, visitor: `a:${key}` };
}

export const isKbStaff = (viewer: KbViewer | Actor | null): boolean => {
  const actor = viewer && 'visitor' in viewer ? viewer.actor : (viewer as Actor | null);
  return !!actor && isStaff(actor);
};

interface Visible { state: KbArticleState; visibility: KbVisibility }

/** Customers and anonymous visitors read only published public articles; staff read everything. */
export const canReadArticle = (viewer: KbViewer, a: Visible) => isKbStaff(viewer) || (a.state === 'published' && a.visibility === 'public');

/** An article the viewer may not read is 404, whatever they meant to do with it. */
export function authorizeArticleRead<R extends Visible>(viewer: KbViewer, row: R | undefined): R {
  if (!row || !canReadArticle(viewer, row)) throw notFound('Article');
  return row;
}

/** Writing articles: any staff member (agents write drafts from cases). */
export function requireKbEditor(actor: Actor | null): RequestContext['actor'] {
  if (!actor || !isStaff(actor)) throw forbidden('Only staff edit the knowledge base');
  return actor;
}

/** Deleting articles and shaping the category tree change what everyone sees: supervisors and admins. */
export function requireKbManager(actor: Actor | null) {
  if (!actor || !atLeast(actor, 'supervisor')) throw forbidden('Only supervisors and admins manage categories and delete articles');
  return actor;
}
