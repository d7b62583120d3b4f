import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  completeFollowUpBodySchema, followUpSchema, idParamsSchema, listFollowUpsQuerySchema, markNotificationsReadBodySchema,
  notificationListSchema, problemSchema,
} from '@kefu/contracts';
import type { AppDeps } from '../../platform/context.js';
import { contextOf } from '../auth/index.js';
import { completeFollowUp, listFollowUps } from './complaints.service.js';
import { listNotifications, markNotificationsRead } from './notifications.js';

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 412: problemSchema };

export function followUpsRoutes(deps: AppDeps) {
  return async (instance: FastifyInstance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>();
    app.get('/follow-ups', { schema: { tags: ['complaints'], summary: 'Follow-up calls (回访), mine or all, by due time', querystring: listFollowUpsQuerySchema, response: { 200: z.object({ items: z.array(followUpSchema) }), ...errors } } },
      async (request) => listFollowUps(deps, contextOf(request), request.query));
    app.post('/follow-ups/:id/complete', { schema: { tags: ['complaints'], summary: 'Record the follow-up\'s outcome; not satisfied reopens the complaint', params: idParamsSchema, body: completeFollowUpBodySchema, response: { 200: followUpSchema, ...errors } } },
      async (request) => completeFollowUp(deps, contextOf(request), request.params.id, request.body.outcome, request.body.note));
    app.get('/notifications', { schema: { tags: ['notifications'], summary: 'Your in-app notifications', querystring: z.object({ unread: z.enum(['true', 'false']).optional() }).strict(), response: { 200: notificationListSchema, ...errors } } },
      async (request) => listNotifications(deps, contextOf(request), request.query.unread === 'true'));
    app.post('/notifications/read', { schema: { tags: ['notifications'], summary: 'Mark notifications read', body: markNotificationsReadBodySchema, response: { 204: z.null(), ...errors } } },
      async (request, reply) => {
        await markNotificationsRead(deps, contextOf(request), request.body.ids);
        return reply.status(204).send(null);
      });
  };
}
