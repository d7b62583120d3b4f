import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { loginBodySchema, loginResponseSchema, problemSchema } from '@kefu/contracts';
import type { AppDeps } from '../../platform/context.js';
import { contextOf, SESSION_COOKIE, sessionCookieOptions } from './authenticate.js';
import { login, logout } from './auth.service.js';

const tags = ['auth'];

export function authRoutes(deps: AppDeps) {
  return async (instance: FastifyInstance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>();

    app.post('/auth/login', {
      schema: {
        tags,
        summary: 'Sign in with email and password; sets the session cookie',
        body: loginBodySchema,
        response: { 200: loginResponseSchema, 401: problemSchema, 429: problemSchema },
      },
    }, async (request, reply) => {
      const result = await login(deps, request.body, request.ip, request.headers['user-agent'] ?? null);
      reply.setCookie(SESSION_COOKIE, result.secret, sessionCookieOptions(deps.config, result.expiresAt));
      return { user: result.user };
    });

    app.post('/auth/logout', {
      schema: { tags, summary: 'End the current session', response: { 204: z.null(), 401: problemSchema } },
    }, async (request, reply) => {
      await logout(deps, contextOf(request).actor);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    });
  };
}
