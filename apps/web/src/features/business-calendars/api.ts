import type {
  BusinessCalendarDto,
  BusinessCalendarImportResult,
  BusinessCalendarList,
  ComputeBusinessTimeResult,
  CreateBusinessCalendarBody,
  ImportBusinessCalendarBody,
  UpdateBusinessCalendarBody,
} from '@kefu/contracts';
import { api, apiRequest } from '../../shared/api/client';

export const businessCalendarsResource = 'business-calendars';

// Writes carry the version the editor showed, so two admins editing one calendar cannot silently overwrite each other.
const ifMatch = (version: number | undefined) => (version === undefined ? undefined : { 'if-match': `"${version}"` });

export const listBusinessCalendars = (signal?: AbortSignal) => api.get<BusinessCalendarList>('/business-calendars', undefined, signal);
export const getBusinessCalendar = (id: string, signal?: AbortSignal) => api.get<BusinessCalendarDto>(`/business-calendars/${id}`, undefined, signal);
export const createBusinessCalendar = (body: CreateBusinessCalendarBody) => api.post<BusinessCalendarDto>('/business-calendars', body);
export const updateBusinessCalendar = (id: string, body: UpdateBusinessCalendarBody, version?: number) =>
  apiRequest<BusinessCalendarDto>(`/business-calendars/${id}`, { method: 'PATCH', body, headers: ifMatch(version) });
export const deleteBusinessCalendar = (id: string) => api.delete(`/business-calendars/${id}`);
export const importBusinessCalendarDates = (id: string, body: ImportBusinessCalendarBody, version?: number) =>
  apiRequest<BusinessCalendarImportResult>(`/business-calendars/${id}/import`, { method: 'POST', body, headers: ifMatch(version) });
export const computeDueAt = (id: string, start: string, minutes: number) =>
  api.post<ComputeBusinessTimeResult>(`/business-calendars/${id}/compute`, { start, minutes });
export const computeMinutesBetween = (id: string, from: string, to: string) =>
  api.post<ComputeBusinessTimeResult>(`/business-calendars/${id}/compute`, { from, to });
