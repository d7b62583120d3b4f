import type { OutboxMessage, OutboxMessageSummary, Page } from '@kefu/contracts';
import { api, type QueryParams } from '../../shared/api/client';

export const outboxResource = 'outbox';

export const listOutbox = (query: QueryParams, signal?: AbortSignal) => api.get<Page<OutboxMessageSummary>>('/outbox', query, signal);

export const getOutboxMessage = (id: string, signal?: AbortSignal) => api.get<OutboxMessage>(`/outbox/${id}`, undefined, signal);

/** Kinds the server writes today; the filter also accepts any other typed value. */
export const knownMailKinds = [
  'notification', 'notification.digest',
  'account.verify_email', 'account.account_exists', 'account.password_reset', 'account.login_link', 'account.invitation',
] as const;
