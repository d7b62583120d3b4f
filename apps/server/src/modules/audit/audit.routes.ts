import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { auditEventSchema, listAuditEventsQuerySchema, pageSchema, problemSchema } from '@kefu/contracts';
import type { AppDeps } from '../../platform/context.js';
import { contextOf } from '../auth/index.js';
import { listAuditEvents } from './audit.service.js';

export function auditRoutes(deps: AppDeps) {
  return async (instance: FastifyInstance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>();
    app.get('/audit-events', {
      schema: {
        tags: ['audit'],
        summary: 'The append-only log of staff and admin changes (admins only)',
        querystring: listAuditEventsQuerySchema,
        response: { 200: pageSchema(auditEventSchema), 400: problemSchema, 401: problemSchema, 403: problemSchema },
      },
    }, async (request) => listAuditEvents(deps, contextOf(request), request.query));
  };
}
