import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParamsSchema, listOutboxQuerySchema, outboxMessageSchema, outboxMessageSummarySchema, pageSchema, problemSchema } from '@kefu/contracts';
import type { AppDeps } from '../../platform/context.js';
import { contextOf } from '../auth/index.js';
import { getOutboxMessage, listOutbox } from './outbox.service.js';

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };

export function outboxRoutes(deps: AppDeps) {
  return async (instance: FastifyInstance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>();
    const tags = ['outbox'];
    app.get('/outbox', {
      schema: { tags, summary: 'Mail kept in the outbox when no SMTP server is configured (admins only)', querystring: listOutboxQuerySchema, response: { 200: pageSchema(outboxMessageSummarySchema), ...errors } },
    }, async (request) => listOutbox(deps, contextOf(request), request.query));
    app.get('/outbox/:id', {
      schema: { tags, summary: 'One mail of the outbox with its text, HTML and headers (admins only)', params: idParamsSchema, response: { 200: outboxMessageSchema, ...errors } },
    }, async (request) => getOutboxMessage(deps, contextOf(request), request.params.id));
  };
}
