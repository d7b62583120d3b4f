import type { RouteObject } from 'react-router';
import { AuditLogPage } from './components/AuditLogPage';

export const auditRoutes: RouteObject[] = [{ path: 'audit', element: <AuditLogPage /> }];
