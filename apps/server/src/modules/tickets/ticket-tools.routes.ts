import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  bulkUpdateResultSchema, bulkUpdateTicketsBodySchema, idParamsSchema, mergeTicketBodySchema, problemSchema, splitTicketBodySchema, ticketSchema,
} from '@kefu/contracts';
import type { AppDeps } from '../../platform/context.js';
import { contextOf } from '../auth/index.js';
import { bulkUpdateTickets } from './ticket-bulk.service.js';
import { mergeTicket, splitTicket } from './ticket-merge.service.js';

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema };

export function ticketToolsRoutes(deps: AppDeps) {
  return async (instance: FastifyInstance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>();
    const tags = ['tickets'];

    app.post('/tickets/:id/merge', { schema: { tags, summary: 'Merge this ticket into another of the same requester; returns the surviving ticket', params: idParamsSchema, body: mergeTicketBodySchema, response: { 200: ticketSchema, ...errors } } },
      async (request, reply) => {
        const survivor = await mergeTicket(deps, contextOf(request), request.params.id, request.body.intoId);
        return reply.header('etag', `"${survivor.version}"`).send(survivor);
      });

    app.post('/tickets/:id/split', { schema: { tags, summary: 'Split a public message off into a new ticket for the same requester', params: idParamsSchema, body: splitTicketBodySchema, response: { 201: ticketSchema, ...errors } } },
      async (request, reply) => {
        const created = await splitTicket(deps, contextOf(request), request.params.id, request.body);
        return reply.status(201).header('etag', `"${created.version}"`).send(created);
      });

    app.post('/tickets/bulk', { schema: { tags, summary: 'Apply the same changes to up to 500 tickets; reports which were updated and which refused', body: bulkUpdateTicketsBodySchema, response: { 200: bulkUpdateResultSchema, ...errors } } },
      async (request) => bulkUpdateTickets(deps, contextOf(request), request.body));
  };
}
