import type { CreateSlaPolicyBody, SlaPolicy, Ticket, UpdateSlaPolicyBody } from '@kefu/contracts';
import { api, apiRequest } from '../../shared/api/client';

/** Query-key root of the SLA policies. */
export const slaPoliciesResource = 'sla-policies';
export const slaPolicyListKey = [slaPoliciesResource, 'list'] as const;
export const slaPolicyKey = (id: string) => [slaPoliciesResource, 'one', id] as const;

// Writes carry the version the editor showed, so two supervisors editing one policy cannot silently overwrite each other.
const ifMatch = (version: number | undefined) => (version === undefined ? undefined : { 'if-match': `"${version}"` });

export const listSlaPolicies = (signal?: AbortSignal) => api.get<{ items: SlaPolicy[] }>('/sla-policies', undefined, signal);
export const getSlaPolicy = (id: string, signal?: AbortSignal) => api.get<SlaPolicy>(`/sla-policies/${id}`, undefined, signal);
export const createSlaPolicy = (body: CreateSlaPolicyBody) => api.post<SlaPolicy>('/sla-policies', body);
export const updateSlaPolicy = (id: string, body: UpdateSlaPolicyBody, version?: number) =>
  apiRequest<SlaPolicy>(`/sla-policies/${id}`, { method: 'PATCH', body, headers: ifMatch(version) });
export const deleteSlaPolicy = (id: string) => api.delete(`/sla-policies/${id}`);
export const reorderSlaPolicies = (ids: string[]) => apiRequest<{ items: SlaPolicy[] }>('/sla-policies/order', { method: 'PUT', body: { ids } });

/** Manual escalation (升级) of a ticket one level, by staff or by the customer from the portal. */
export const escalateTicket = (id: string, reason: string) => api.post<Ticket>(`/tickets/${id}/escalate`, { reason });
