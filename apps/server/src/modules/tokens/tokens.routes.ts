import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createdTokenSchema, createTokenBodySchema, idParamsSchema, listTokensResponseSchema, problemSchema } from '@kefu/contracts';
import type { AppDeps } from '../../platform/context.js';
import { contextOf } from '../auth/index.js';
import { createToken, listTokens, revokeToken } from './tokens.service.js';

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };

export function tokensRoutes(deps: AppDeps) {
  return async (instance: FastifyInstance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>();
    const tags = ['tokens'];
    app.get('/tokens', { schema: { tags, summary: 'Your API tokens', response: { 200: listTokensResponseSchema, ...errors } } },
      async (request) => listTokens(deps, contextOf(request)));
    app.post('/tokens', { schema: { tags, summary: 'Create an API token; the secret is returned only now', body: createTokenBodySchema, response: { 201: createdTokenSchema, ...errors } } },
      async (request, reply) => reply.status(201).send(await createToken(deps, contextOf(request), request.body)));
    app.delete('/tokens/:id', { schema: { tags, summary: 'Revoke one of your API tokens', params: idParamsSchema, response: { 204: z.null(), ...errors } } },
      async (request, reply) => {
        await revokeToken(deps, contextOf(request), request.params.id);
        return reply.status(204).send(null);
      });
  };
}
