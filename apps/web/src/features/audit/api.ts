import type { AuditEvent, Page } from '@kefu/contracts';
import { api, type QueryParams } from '../../shared/api/client';

export const auditResource = 'audit-events';

export const listAuditEvents = (query: QueryParams, signal?: AbortSignal) =>
  api.get<Page<AuditEvent>>('/audit-events', query, signal);

/** Record types the server writes today; the filter also accepts any other typed value. */
export const knownEntityTypes = ['user', 'team', 'organization', 'customer', 'token', 'session'] as const;
