import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createCustomFieldBodySchema,
  customFieldListSchema,
  customFieldSchema,
  idParamsSchema,
  listCustomFieldsQuerySchema,
  problemSchema,
  reorderCustomFieldsBodySchema,
  updateCustomFieldBodySchema,
} from '@kefu/contracts';
import { contextOf } from '../auth/index.js';
import { listenForCustomFieldChanges } from './custom-fields.cache.js';
import {
  createCustomField,
  deleteCustomField,
  getCustomField,
  listCustomFields,
  reorderCustomFields,
  updateCustomField,
  type CustomFieldsDeps,
} from './custom-fields.service.js';

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema };

/** `deps.isFieldInUse` (from the tickets module) guards delete; see `CustomFieldsDeps`. */
export function customFieldsRoutes(deps: CustomFieldsDeps) {
  return async (instance: FastifyInstance) => {
    await listenForCustomFieldChanges(deps.db, deps.realtime);
    const app = instance.withTypeProvider<ZodTypeProvider>();
    const tags = ['custom-fields'];
    app.get('/custom-fields', { schema: { tags, summary: 'Custom fields in form order (customers: those shown in the portal)', querystring: listCustomFieldsQuerySchema, response: { 200: customFieldListSchema, ...errors } } },
      async (request) => listCustomFields(deps, contextOf(request), request.query));
    app.post('/custom-fields', { schema: { tags, summary: 'Create a custom field', body: createCustomFieldBodySchema, response: { 201: customFieldSchema, ...errors } } },
      async (request, reply) => reply.status(201).send(await createCustomField(deps, contextOf(request), request.body)));
    app.post('/custom-fields/reorder', { schema: { tags, summary: 'Put custom fields in this order', body: reorderCustomFieldsBodySchema, response: { 200: customFieldListSchema, ...errors } } },
      async (request) => reorderCustomFields(deps, contextOf(request), request.body));
    app.get('/custom-fields/:id', { schema: { tags, summary: 'One custom field', params: idParamsSchema, response: { 200: customFieldSchema, ...errors } } },
      async (request) => getCustomField(deps, contextOf(request), request.params.id));
    app.patch('/custom-fields/:id', { schema: { tags, summary: 'Change a custom field (key and kind are fixed)', params: idParamsSchema, body: updateCustomFieldBodySchema, response: { 200: customFieldSchema, ...errors } } },
      async (request) => updateCustomField(deps, contextOf(request), request.params.id, request.body));
    app.delete('/custom-fields/:id', { schema: { tags, summary: 'Delete a custom field no ticket uses (otherwise 409: deactivate it)', params: idParamsSchema, response: { 204: z.null(), ...errors } } },
      async (request, reply) => {
        await deleteCustomField(deps, contextOf(request), request.params.id);
        return reply.status(204).send(null);
      });
  };
}
