import type { SlaReport, SlaReportGrouping } from '@kefu/contracts';
import { api, toSearch } from '../../shared/api/client';

export const reportsResource = 'reports';

export interface SlaReportParams {
  /** Tickets created in [from, to), ISO instants. */
  from: string;
  to: string;
  groupBy: SlaReportGrouping;
}

export const getSlaReport = (params: SlaReportParams, signal?: AbortSignal) => api.get<SlaReport>('/reports/sla', { ...params }, signal);

/** The CSV export: a plain link, so the browser downloads it with the session cookie. */
export const slaReportCsvUrl = (params: SlaReportParams) => `/api/v1/reports/sla.csv${toSearch({ ...params })}`;
