import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../../config.js';
import type { AppDeps } from '../../platform/context.js';
import { unauthenticated, type Actor, type RequestContext } from './actor.js';
import { authCacheOf } from './auth-cache.js';
import { actorFromSession, actorFromToken } from './auth.service.js';

export const SESSION_COOKIE = 'kefu_session';

/** httpOnly so scripts cannot read it; SameSite=Lax so other sites cannot post with it. */
export const sessionCookieOptions = (config: Config, expires: Date) =>
  ({ httpOnly: true, sameSite: 'lax', secure: config.cookieSecure, path: '/', expires }) as const;

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

/** Resolves the caller of every API request from its session cookie or `Authorization: Bearer`. */
export async function registerAuthentication(app: FastifyInstance, deps: AppDeps) {
  await authCacheOf(deps).listen(deps.realtime);
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/')) return;
    const header = request.headers.authorization;
    if (header) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      // A wrong Authorization header must not fall back to a cookie: the caller meant the token.
      request.actor = match?.[1] ? await actorFromToken(deps, match[1]) : null;
      if (!request.actor) throw unauthenticated();
      return;
    }
    const cookie = request.cookies[SESSION_COOKIE];
    // When the session's expiry slides forward, the browser's copy of the cookie slides with it.
    if (cookie) request.actor = await actorFromSession(deps, cookie, (expires) => reply.setCookie(SESSION_COOKIE, cookie, sessionCookieOptions(deps.config, expires)));
  });
}

/** The signed-in caller, or 401. */
export function contextOf(request: FastifyRequest): RequestContext {
  if (!request.actor) throw unauthenticated();
  return { actor: request.actor, ip: request.ip ?? null, userAgent: request.headers['user-agent'] ?? null };
}
