import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  cannedResponseCategoriesSchema, cannedResponseSchema, createCannedResponseBodySchema, idParamsSchema, listCannedResponsesQuerySchema,
  pageSchema, previewCannedResponseBodySchema, problemSchema, renderCannedResponseBodySchema, renderedCannedResponseSchema, updateCannedResponseBodySchema,
} from '@kefu/contracts';
import type { AppDeps } from '../../platform/context.js';
import { contextOf } from '../auth/index.js';
import {
  createCannedResponse, deleteCannedResponse, getCannedResponse, listCannedResponseCategories, listCannedResponses,
  previewCannedResponse, renderCannedResponseForCaller, updateCannedResponse,
} from './canned-responses.service.js';

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema };

export function cannedResponsesRoutes(deps: AppDeps) {
  return async (instance: FastifyInstance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>();
    const tags = ['canned-responses'];
    const base = '/canned-responses';
    app.get(base, { schema: { tags, summary: 'Canned responses the caller may use: shared ones and their own', querystring: listCannedResponsesQuerySchema, response: { 200: pageSchema(cannedResponseSchema), ...errors } } },
      async (request) => listCannedResponses(deps, contextOf(request), request.query));
    app.get(`${base}/categories`, { schema: { tags, summary: 'Categories in use, with how many responses each has', response: { 200: cannedResponseCategoriesSchema, ...errors } } },
      async (request) => listCannedResponseCategories(deps, contextOf(request)));
    app.post(base, { schema: { tags, summary: 'Create a canned response (shared ones need a supervisor or admin)', body: createCannedResponseBodySchema, response: { 201: cannedResponseSchema, ...errors } } },
      async (request, reply) => reply.status(201).send(await createCannedResponse(deps, contextOf(request), request.body)));
    app.post(`${base}/preview`, { schema: { tags, summary: 'Render a draft body with sample values (nothing is saved)', body: previewCannedResponseBodySchema, response: { 200: renderedCannedResponseSchema, ...errors } } },
      async (request) => previewCannedResponse(contextOf(request), request.body));
    app.get(`${base}/:id`, { schema: { tags, summary: 'One canned response', params: idParamsSchema, response: { 200: cannedResponseSchema, ...errors } } },
      async (request) => getCannedResponse(deps, contextOf(request), request.params.id));
    app.patch(`${base}/:id`, { schema: { tags, summary: 'Change a canned response', params: idParamsSchema, body: updateCannedResponseBodySchema, response: { 200: cannedResponseSchema, ...errors } } },
      async (request) => updateCannedResponse(deps, contextOf(request), request.params.id, request.body));
    app.delete(`${base}/:id`, { schema: { tags, summary: 'Delete a canned response', params: idParamsSchema, response: { 204: z.null(), ...errors } } },
      async (request, reply) => {
        await deleteCannedResponse(deps, contextOf(request), request.params.id);
        return reply.status(204).send(null);
      });
    app.post(`${base}/:id/render`, { schema: { tags, summary: 'Fill in placeholders (the agent is the caller) and count the use', params: idParamsSchema, body: renderCannedResponseBodySchema, response: { 200: renderedCannedResponseSchema, ...errors } } },
      async (request) => renderCannedResponseForCaller(deps, contextOf(request), request.params.id, request.body));
  };
}
