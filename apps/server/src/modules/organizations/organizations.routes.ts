import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createOrganizationBodySchema, idParamsSchema, listOrganizationsQuerySchema, organizationSchema, pageSchema, problemSchema,
  updateOrganizationBodySchema,
} from '@kefu/contracts';
import type { AppDeps } from '../../platform/context.js';
import { contextOf } from '../auth/index.js';
import { createOrganization, deleteOrganization, getOrganization, listOrganizations, updateOrganization } from './organizations.service.js';

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema };

export function organizationsRoutes(deps: AppDeps) {
  return async (instance: FastifyInstance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>();
    const tags = ['organizations'];
    app.get('/organizations', { schema: { tags, summary: 'Customer companies', querystring: listOrganizationsQuerySchema, response: { 200: pageSchema(organizationSchema), ...errors } } },
      async (request) => listOrganizations(deps, contextOf(request), request.query));
    app.post('/organizations', { schema: { tags, summary: 'Create an organization', body: createOrganizationBodySchema, response: { 201: organizationSchema, ...errors } } },
      async (request, reply) => reply.status(201).send(await createOrganization(deps, contextOf(request), request.body)));
    app.get('/organizations/:id', { schema: { tags, summary: 'One organization', params: idParamsSchema, response: { 200: organizationSchema, ...errors } } },
      async (request) => getOrganization(deps, contextOf(request), request.params.id));
    app.patch('/organizations/:id', { schema: { tags, summary: 'Change an organization', params: idParamsSchema, body: updateOrganizationBodySchema, response: { 200: organizationSchema, ...errors } } },
      async (request) => updateOrganization(deps, contextOf(request), request.params.id, request.body));
    app.delete('/organizations/:id', { schema: { tags, summary: 'Delete an organization that has no customers', params: idParamsSchema, response: { 204: z.null(), ...errors } } },
      async (request, reply) => {
        await deleteOrganization(deps, contextOf(request), request.params.id);
        return reply.status(204).send(null);
      });
  };
}
