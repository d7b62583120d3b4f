// Reports over the desk's records, for supervisors and admins.
export { reportsRoutes } from './reports.routes.js';
export { getSlaReport } from './sla-report.service.js';
