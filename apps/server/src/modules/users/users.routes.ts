import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  createUserBodySchema, idParamsSchema, listUsersQuerySchema, meResponseSchema, pageSchema, problemSchema,
  updateMeBodySchema, updateUserBodySchema, userSchema,
} from '@kefu/contracts';
import type { AppDeps } from '../../platform/context.js';
import { contextOf, type Actor } from '../auth/index.js';
import { createUser, getUser, listUsers, updateOwnProfile, updateUser } from './users.service.js';

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema };

export const presentMe = (actor: Actor) => ({
  user: { id: actor.userId, email: actor.email, name: actor.name, role: actor.userRole, locale: actor.locale },
  via: actor.via,
  effectiveRole: actor.role,
});

export function usersRoutes(deps: AppDeps) {
  return async (instance: FastifyInstance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>();
    const tags = ['users'];

    app.get('/me', {
      schema: { tags: ['auth'], summary: 'The signed-in user', response: { 200: meResponseSchema, 401: problemSchema } },
    }, async (request) => presentMe(contextOf(request).actor));

    app.patch('/me', {
      schema: { tags: ['auth'], summary: 'Change your own name, language or password', body: updateMeBodySchema, response: { 200: meResponseSchema, ...errors } },
    }, async (request) => {
      const ctx = contextOf(request);
      const row = await updateOwnProfile(deps, ctx, request.body);
      return presentMe({ ...ctx.actor, name: row.name, locale: row.locale, email: row.email });
    });

    app.get('/users', {
      schema: { tags, summary: 'Staff directory', querystring: listUsersQuerySchema, response: { 200: pageSchema(userSchema), ...errors } },
    }, async (request) => listUsers(deps, contextOf(request), request.query));

    app.post('/users', {
      schema: { tags, summary: 'Create a staff account', body: createUserBodySchema, response: { 201: userSchema, ...errors } },
    }, async (request, reply) => reply.status(201).send(await createUser(deps, contextOf(request), request.body)));

    app.get('/users/:id', {
      schema: { tags, summary: 'One staff account', params: idParamsSchema, response: { 200: userSchema, ...errors } },
    }, async (request) => getUser(deps, contextOf(request), request.params.id));

    app.patch('/users/:id', {
      schema: { tags, summary: 'Change a staff account; active=false deactivates it and ends its sessions', params: idParamsSchema, body: updateUserBodySchema, response: { 200: userSchema, ...errors } },
    }, async (request) => updateUser(deps, contextOf(request), request.params.id, request.body));
  };
}
