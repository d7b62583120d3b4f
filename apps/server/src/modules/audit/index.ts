export { listAuditEvents, recordAudit, type AuditEntry } from './audit.service.js';
export { auditRoutes } from './audit.routes.js';
