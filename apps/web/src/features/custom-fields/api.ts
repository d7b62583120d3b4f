import type { CreateCustomFieldBody, CustomField, CustomFieldList, TicketType, UpdateCustomFieldBody } from '@kefu/contracts';
import { api } from '../../shared/api/client';

export const customFieldsResource = 'custom-fields';

export interface CustomFieldFilters {
  ticketType?: TicketType;
  active?: boolean;
}

export const listCustomFields = (filters: CustomFieldFilters = {}, signal?: AbortSignal) =>
  api.get<CustomFieldList>('/custom-fields', { ticketType: filters.ticketType, active: filters.active === undefined ? undefined : String(filters.active) }, signal);
export const createCustomField = (body: CreateCustomFieldBody) => api.post<CustomField>('/custom-fields', body);
export const updateCustomField = (id: string, body: UpdateCustomFieldBody) => api.patch<CustomField>(`/custom-fields/${id}`, body);
export const deleteCustomField = (id: string) => api.delete(`/custom-fields/${id}`);
export const reorderCustomFields = (ids: string[]) => api.post<CustomFieldList>('/custom-fields/reorder', { ids });
