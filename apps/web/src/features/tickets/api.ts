import type {
  BulkUpdateResult, BulkUpdateTicketsBody, CreateSavedViewBody, SavedView, SplitTicketBody, UpdateSavedViewBody,
} from '@kefu/contracts';
import type {
  ArchivedLesson, CreateMessageBody, CreateTicketBody, Message, Ticket, TicketPage, TimelineItem, UpdateTicketBody,
} from './types';
import { api, apiRequest, type QueryParams } from '../../shared/api/client';

/** Query-key root of every ticket query: the queue, one ticket, its timeline. */
export const ticketsResource = 'tickets';
export const ticketKey = (id: string) => [ticketsResource, 'detail', id] as const;
export const timelineKey = (id: string) => [ticketsResource, 'timeline', id] as const;

const ifMatch = (version: number | undefined) => (version === undefined ? undefined : { 'if-match': `"${version}"` });

export const listTickets = (query: QueryParams, signal?: AbortSignal) => api.get<TicketPage>('/tickets', query, signal);
export const getTicket = (id: string, signal?: AbortSignal) => api.get<Ticket>(`/tickets/${id}`, undefined, signal);
export const createTicket = (body: CreateTicketBody) => api.post<Ticket>('/tickets', body);
export const updateTicket = (id: string, body: UpdateTicketBody, version?: number) =>
  apiRequest<Ticket>(`/tickets/${id}`, { method: 'PATCH', body, headers: ifMatch(version) });
export const addMessage = (id: string, body: CreateMessageBody, version?: number) =>
  apiRequest<Message>(`/tickets/${id}/messages`, { method: 'POST', body, headers: ifMatch(version) });
export const getTimeline = (id: string, signal?: AbortSignal) =>
  api.get<{ items: TimelineItem[] }>(`/tickets/${id}/timeline`, undefined, signal);
export const recordConfirmation = (id: string, body: { outcome: 'confirmed' | 'unreachable'; note: string }) =>
  api.post<Ticket>(`/tickets/${id}/complaint/confirmation`, body);
export const archiveLesson = (id: string) => api.post<ArchivedLesson>(`/tickets/${id}/complaint/lesson`);

// ---- queue tools: bulk changes, merge, split, saved views ----

export const bulkUpdateTickets = (body: BulkUpdateTicketsBody) => api.post<BulkUpdateResult>('/tickets/bulk', body);
export const mergeTicket = (id: string, intoId: string) => api.post<Ticket>(`/tickets/${id}/merge`, { intoId });
export const splitTicket = (id: string, body: SplitTicketBody) => api.post<Ticket>(`/tickets/${id}/split`, body);

export const savedViewsKey = ['saved-views'] as const;
export const listSavedViews = (signal?: AbortSignal) => api.get<{ items: SavedView[] }>('/saved-views', undefined, signal);
export const createSavedView = (body: CreateSavedViewBody) => api.post<SavedView>('/saved-views', body);
export const updateSavedView = (id: string, body: UpdateSavedViewBody) => api.patch<SavedView>(`/saved-views/${id}`, body);
export const deleteSavedView = (id: string) => api.delete(`/saved-views/${id}`);
