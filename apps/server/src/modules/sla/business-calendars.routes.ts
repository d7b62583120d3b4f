import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  businessCalendarImportResultSchema,
  businessCalendarListSchema,
  businessCalendarSchema,
  computeBusinessTimeBodySchema,
  computeBusinessTimeResultSchema,
  createBusinessCalendarBodySchema,
  idParamsSchema,
  importBusinessCalendarBodySchema,
  problemSchema,
  updateBusinessCalendarBodySchema,
} from '@kefu/contracts';
import type { AppDeps } from '../../platform/context.js';
import { ifMatchHeaders, parseIfMatch, withEtag } from '../../platform/http/versioning.js';
import { contextOf } from '../auth/index.js';
import {
  computeBusinessTime,
  createBusinessCalendar,
  deleteBusinessCalendar,
  getBusinessCalendar,
  importBusinessCalendarDates,
  listBusinessCalendars,
  updateBusinessCalendar,
} from './business-calendars.service.js';

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 412: problemSchema };

export function businessCalendarsRoutes(deps: AppDeps) {
  return async (instance: FastifyInstance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>();
    const tags = ['business-calendars'];
    app.get('/business-calendars', { schema: { tags, summary: 'Business calendars, the default first', response: { 200: businessCalendarListSchema, ...errors } } },
      async (request) => listBusinessCalendars(deps, contextOf(request)));
    app.post('/business-calendars', { schema: { tags, summary: 'Create a business calendar', body: createBusinessCalendarBodySchema, response: { 201: businessCalendarSchema, ...errors } } },
      async (request, reply) => withEtag(reply.status(201), await createBusinessCalendar(deps, contextOf(request), request.body)));
    app.get('/business-calendars/:id', { schema: { tags, summary: 'One business calendar; its ETag is the version', params: idParamsSchema, response: { 200: businessCalendarSchema, ...errors } } },
      async (request, reply) => withEtag(reply, await getBusinessCalendar(deps, contextOf(request), request.params.id)));
    app.patch('/business-calendars/:id', { schema: { tags, summary: 'Change a business calendar; If-Match refuses a stale write with 412', params: idParamsSchema, headers: ifMatchHeaders, body: updateBusinessCalendarBodySchema, response: { 200: businessCalendarSchema, ...errors } } },
      async (request, reply) => withEtag(reply, await updateBusinessCalendar(deps, contextOf(request), request.params.id, request.body, parseIfMatch(request.headers['if-match']))));
    app.delete('/business-calendars/:id', { schema: { tags, summary: 'Delete a business calendar that is not the default', params: idParamsSchema, response: { 204: z.null(), ...errors } } },
      async (request, reply) => {
        await deleteBusinessCalendar(deps, contextOf(request), request.params.id);
        return reply.status(204).send(null);
      });
    app.post('/business-calendars/:id/import', { schema: { tags, summary: 'Merge holidays and make-up working days from a JSON or iCalendar file', params: idParamsSchema, headers: ifMatchHeaders, body: importBusinessCalendarBodySchema, response: { 200: businessCalendarImportResultSchema, ...errors } } },
      async (request, reply) => {
        const result = await importBusinessCalendarDates(deps, contextOf(request), request.params.id, request.body, parseIfMatch(request.headers['if-match']));
        withEtag(reply, result.calendar);
        return result;
      });
    app.post('/business-calendars/:id/compute', { schema: { tags, summary: 'What-if: {start, minutes} → {dueAt}, or {from, to} → {minutes} of business time', params: idParamsSchema, body: computeBusinessTimeBodySchema, response: { 200: computeBusinessTimeResultSchema, ...errors } } },
      async (request) => computeBusinessTime(deps, contextOf(request), request.params.id, request.body));
  };
}
