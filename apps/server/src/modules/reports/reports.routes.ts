import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemSchema, slaReportQuerySchema, slaReportSchema } from '@kefu/contracts';
import type { AppDeps } from '../../platform/context.js';
import { contextOf } from '../auth/index.js';
import { slaReportCsv } from './sla-report.csv.js';
import { getSlaReport } from './sla-report.service.js';

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema };

export function reportsRoutes(deps: AppDeps) {
  return async (instance: FastifyInstance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>();
    const tags = ['reports'];
    app.get('/reports/sla', {
      schema: { tags, summary: 'SLA attainment per policy, team, agent, priority, type or complaint category, for tickets created in [from, to)', querystring: slaReportQuerySchema, response: { 200: slaReportSchema, ...errors } },
    }, async (request) => getSlaReport(deps, contextOf(request), request.query));
    app.get('/reports/sla.csv', {
      schema: { tags, summary: 'The SLA attainment report as CSV (UTF-8 with BOM, for Excel)', querystring: slaReportQuerySchema, response: { 200: z.string().describe('text/csv'), ...errors } },
    }, async (request, reply) => {
      const ctx = contextOf(request);
      const report = await getSlaReport(deps, ctx, request.query);
      const name = `sla-${report.groupBy}-${report.from.slice(0, 10)}-${report.to.slice(0, 10)}.csv`;
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}"`)
        .header('cache-control', 'private, no-store')
        .send(slaReportCsv(report, ctx.actor.locale));
    });
  };
}
