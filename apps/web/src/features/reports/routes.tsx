import { lazy } from 'react';
import type { RouteObject } from 'react-router';

// Its own chunk: ECharts loads only when someone opens a report.
const SlaReportPage = lazy(async () => ({ default: (await import('./components/SlaReportPage')).SlaReportPage }));

export const reportsRoutes: RouteObject[] = [{ path: 'reports/sla', element: <SlaReportPage /> }];
