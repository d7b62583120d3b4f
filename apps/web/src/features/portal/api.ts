import type { Attachment, RateTicketBody, Ticket } from '@kefu/contracts';
import { apiRequest } from '../../shared/api/client';
import { uploadFile } from '../../shared/api/upload';

export const uploadAttachment = (file: File, signal?: AbortSignal) => uploadFile<Attachment>('/attachments', file, signal);
export const attachmentUrl = (id: string) => `/api/v1/attachments/${encodeURIComponent(id)}`;
/** The customer's satisfaction rating of their request; a second one replaces the first. */
export const rateRequest = (id: string, body: RateTicketBody) => apiRequest<Ticket>(`/tickets/${encodeURIComponent(id)}/rating`, { method: 'PUT', body });
