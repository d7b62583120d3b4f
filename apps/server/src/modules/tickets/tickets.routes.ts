import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  archivedLessonSchema, complaintConfirmationBodySchema, escalateTicketBodySchema, createMessageBodySchema, createTicketBodySchema, idParamsSchema,
  listTicketsQuerySchema, messageSchema, rateTicketBodySchema, ticketCountsBodySchema, ticketCountsSchema, problemSchema, ticketPageSchema, ticketSchema, timelineSchema, updateTicketBodySchema,
} from '@kefu/contracts';
import type { AppDeps } from '../../platform/context.js';
import { ifMatchHeaders, parseIfMatch, withEtag } from '../../platform/http/versioning.js';
import { contextOf } from '../auth/index.js';
import { archiveLesson, recordConfirmation } from './complaints.service.js';
import { escalateTicket } from './ticket-escalation.js';
import { rateTicket } from './ticket-rating.service.js';
import { addMessage, getTimeline } from './ticket-messages.service.js';
import { countTicketViews, createTicket, getTicket, listTickets, updateTicket } from './tickets.service.js';

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 412: problemSchema };


export function ticketsRoutes(deps: AppDeps) {
  return async (instance: FastifyInstance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>();
    const tags = ['tickets'];

    app.post('/tickets', { schema: { tags, summary: 'Open a ticket (staff on a customer\'s behalf, or a customer for themselves)', body: createTicketBodySchema, response: { 201: ticketSchema, ...errors } } },
      async (request, reply) => withEtag(reply.status(201), await createTicket(deps, contextOf(request), request.body)));
    app.post('/tickets/counts', { schema: { tags, summary: 'How many tickets each queue view holds (up to 999), for the rail\'s live counts', body: ticketCountsBodySchema, response: { 200: ticketCountsSchema, ...errors } } },
      async (request) => countTicketViews(deps, contextOf(request), request.body));
    app.post('/tickets/:id/escalate', { schema: { tags, summary: 'Escalate a ticket one level (customer once per level, rate-limited; or staff)', params: idParamsSchema, body: escalateTicketBodySchema, response: { 200: ticketSchema, 429: problemSchema, ...errors } } },
      async (request, reply) => withEtag(reply, await escalateTicket(deps, contextOf(request), request.params.id, request.body)));

    app.get('/tickets', { schema: { tags, summary: 'The queue: filters, sorts, cursor pagination and search', querystring: listTicketsQuerySchema, response: { 200: ticketPageSchema, ...errors } } },
      async (request) => listTickets(deps, contextOf(request), request.query));

    app.get('/tickets/:id', { schema: { tags, summary: 'One ticket; its ETag is the version', params: idParamsSchema, response: { 200: ticketSchema, ...errors } } },
      async (request, reply) => withEtag(reply, await getTicket(deps, contextOf(request), request.params.id)));

    app.patch('/tickets/:id', { schema: { tags, summary: 'Change a ticket; If-Match refuses a stale write with 412', params: idParamsSchema, headers: ifMatchHeaders, body: updateTicketBodySchema, response: { 200: ticketSchema, ...errors } } },
      async (request, reply) => withEtag(reply, await updateTicket(deps, contextOf(request), request.params.id, request.body, parseIfMatch(request.headers['if-match']))));

    app.post('/tickets/:id/messages', { schema: { tags, summary: 'A public reply or an internal note', params: idParamsSchema, headers: ifMatchHeaders, body: createMessageBodySchema, response: { 201: messageSchema, ...errors } } },
      async (request, reply) => reply.status(201).send(await addMessage(deps, contextOf(request), request.params.id, request.body, parseIfMatch(request.headers['if-match']))));

    app.put('/tickets/:id/rating', { schema: { tags, summary: 'The requester rates a resolved or closed request 1–5 (CSAT); rating again replaces it', params: idParamsSchema, body: rateTicketBodySchema, response: { 200: ticketSchema, ...errors } } },
      async (request, reply) => withEtag(reply, await rateTicket(deps, contextOf(request), request.params.id, request.body)));

    app.get('/tickets/:id/timeline', { schema: { tags, summary: 'Messages and changes in order', params: idParamsSchema, response: { 200: timelineSchema, ...errors } } },
      async (request) => getTimeline(deps, contextOf(request), request.params.id));

    app.post('/tickets/:id/complaint/confirmation', { schema: { tags: ['complaints'], summary: 'Record the customer\'s confirmation of the remedy, or that they were unreachable', params: idParamsSchema, body: complaintConfirmationBodySchema, response: { 200: ticketSchema, ...errors } } },
      async (request, reply) => withEtag(reply, await recordConfirmation(deps, contextOf(request), request.params.id, request.body.outcome, request.body.note)));

    app.post('/tickets/:id/complaint/lesson', { schema: { tags: ['complaints'], summary: 'Archive the lesson of a complaint as a draft knowledge note', params: idParamsSchema, response: { 201: archivedLessonSchema, ...errors } } },
      async (request, reply) => reply.status(201).send(await archiveLesson(deps, contextOf(request), request.params.id)));
  };
}
