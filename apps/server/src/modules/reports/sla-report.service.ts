import { slaReportMaxDays, slaReportQuerySchema, type SlaReport, type SlaReportQuery } from '@kefu/contracts';
import type { AppDeps } from '../../platform/context.js';
import { invalidField } from '../../platform/http/app-error.js';
import type { RequestContext } from '../auth/index.js';
import { authorizeReports } from './reports.policy.js';
import { presentSlaReportRow, sortSlaReportRows } from './sla-report.presenter.js';
import { slaReportFigures } from './sla-report.repository.js';

const DAY = 86_400_000;

/** SLA attainment per group for tickets created in [from, to), judged at the clock's now. */
export async function getSlaReport(deps: AppDeps, ctx: RequestContext, input: Partial<SlaReportQuery>): Promise<SlaReport> {
  authorizeReports(ctx.actor);
  const q = slaReportQuerySchema.parse(input);
  const from = new Date(q.from);
  const to = new Date(q.to);
  if (to.getTime() <= from.getTime()) throw invalidField('to', 'must be after from');
  // A year at most: one statement scans the range, and longer spans belong to an export job.
  if (to.getTime() - from.getTime() > slaReportMaxDays * DAY) throw invalidField('to', `must be at most ${slaReportMaxDays} days after from`);
  const now = deps.clock.now();
  const figures = await slaReportFigures(deps.db, { from, to, groupBy: q.groupBy, now });
  const total = figures.find((f) => f.isTotal);
  const rows = figures.filter((f) => !f.isTotal).map(presentSlaReportRow);
  return {
    groupBy: q.groupBy,
    from: from.toISOString(),
    to: to.toISOString(),
    asOf: now.toISOString(),
    rows: sortSlaReportRows(rows, q.groupBy, ctx.actor.locale),
    totals: { ...presentSlaReportRow(total ?? emptyTotal), key: null, label: '' },
  };
}

const emptyTotal = {
  isTotal: true, key: null, label: null, tickets: 0, frMet: 0, frBreached: 0, nrMet: 0, nrBreached: 0, resMet: 0, resBreached: 0,
  frMedian: null, frP90: null, resMedian: null, resP90: null,
};
