import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createSavedViewBodySchema, idParamsSchema, problemSchema, savedViewListSchema, savedViewSchema, updateSavedViewBodySchema } from '@kefu/contracts';
import type { AppDeps } from '../../platform/context.js';
import { contextOf } from '../auth/index.js';
import { createSavedView, deleteSavedView, listSavedViews, updateSavedView } from './saved-views.service.js';

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema };

export function savedViewsRoutes(deps: AppDeps) {
  return async (instance: FastifyInstance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>();
    const tags = ['saved-views'];
    const base = '/saved-views';
    app.get(base, { schema: { tags, summary: 'The caller\'s personal queue views and every shared one', response: { 200: savedViewListSchema, ...errors } } },
      async (request) => listSavedViews(deps, contextOf(request)));
    app.post(base, { schema: { tags, summary: 'Save queue filters as a view (shared ones need a supervisor or admin)', body: createSavedViewBodySchema, response: { 201: savedViewSchema, ...errors } } },
      async (request, reply) => reply.status(201).send(await createSavedView(deps, contextOf(request), request.body)));
    app.patch(`${base}/:id`, { schema: { tags, summary: 'Rename, reorder, refilter or publish a view', params: idParamsSchema, body: updateSavedViewBodySchema, response: { 200: savedViewSchema, ...errors } } },
      async (request) => updateSavedView(deps, contextOf(request), request.params.id, request.body));
    app.delete(`${base}/:id`, { schema: { tags, summary: 'Delete a view', params: idParamsSchema, response: { 204: z.null(), ...errors } } },
      async (request, reply) => {
        await deleteSavedView(deps, contextOf(request), request.params.id);
        return reply.status(204).send(null);
      });
  };
}
