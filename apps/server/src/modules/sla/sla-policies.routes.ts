import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createSlaPolicyBodySchema, idParamsSchema, problemSchema, reorderSlaPoliciesBodySchema, slaPolicyListSchema, slaPolicySchema, updateSlaPolicyBodySchema,
} from '@kefu/contracts';
import type { AppDeps } from '../../platform/context.js';
import { ifMatchHeaders, parseIfMatch, withEtag } from '../../platform/http/versioning.js';
import { contextOf } from '../auth/index.js';
import { slaConfig } from './sla-config.js';
import { createSlaPolicy, deleteSlaPolicy, getSlaPolicy, listSlaPolicies, reorderSlaPolicies, updateSlaPolicy } from './sla-policies.service.js';

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 412: problemSchema };

export function slaPoliciesRoutes(deps: AppDeps) {
  return async (instance: FastifyInstance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>();
    await slaConfig.listen(deps.db, deps.realtime);
    const tags = ['sla-policies'];
    app.get('/sla-policies', { schema: { tags, summary: 'SLA policies in the order they are tried', response: { 200: slaPolicyListSchema, ...errors } } },
      async (request) => listSlaPolicies(deps, contextOf(request)));
    app.post('/sla-policies', { schema: { tags, summary: 'Create an SLA policy (tried after the existing ones)', body: createSlaPolicyBodySchema, response: { 201: slaPolicySchema, ...errors } } },
      async (request, reply) => withEtag(reply.status(201), await createSlaPolicy(deps, contextOf(request), request.body)));
    app.put('/sla-policies/order', { schema: { tags, summary: 'Set the order policies are tried in', body: reorderSlaPoliciesBodySchema, response: { 200: slaPolicyListSchema, ...errors } } },
      async (request) => reorderSlaPolicies(deps, contextOf(request), request.body));
    app.get('/sla-policies/:id', { schema: { tags, summary: 'One SLA policy; its ETag is the version', params: idParamsSchema, response: { 200: slaPolicySchema, ...errors } } },
      async (request, reply) => withEtag(reply, await getSlaPolicy(deps, contextOf(request), request.params.id)));
    app.patch('/sla-policies/:id', { schema: { tags, summary: 'Change an SLA policy; tickets take it up at their next change', params: idParamsSchema, headers: ifMatchHeaders, body: updateSlaPolicyBodySchema, response: { 200: slaPolicySchema, ...errors } } },
      async (request, reply) => withEtag(reply, await updateSlaPolicy(deps, contextOf(request), request.params.id, request.body, parseIfMatch(request.headers['if-match']))));
    app.delete('/sla-policies/:id', { schema: { tags, summary: 'Delete an SLA policy', params: idParamsSchema, response: { 204: z.null(), ...errors } } },
      async (request, reply) => {
        await deleteSlaPolicy(deps, contextOf(request), request.params.id);
        return reply.status(204).send(null);
      });
  };
}
