import type { CreateMailboxBody, Mailbox, MailboxChoice, MailboxTestResult, Page, UpdateMailboxBody } from '@kefu/contracts';
import { api } from '../../shared/api/client';

/** Query-key root of every mailbox query. */
export const mailboxesResource = 'mailboxes';
export const mailboxKey = (id: string) => [mailboxesResource, 'one', id] as const;

// Mailboxes are few (one per support address), so one page of the maximum size lists them all.
export const listMailboxes = (signal?: AbortSignal) => api.get<Page<Mailbox>>('/mailboxes', { limit: 100 }, signal);
/** Active mailboxes without their account settings: what any staff member may answer from. */
export const listMailboxChoices = (signal?: AbortSignal) => api.get<{ items: MailboxChoice[] }>('/mailboxes/choices', undefined, signal);
export const getMailbox = (id: string, signal?: AbortSignal) => api.get<Mailbox>(`/mailboxes/${id}`, undefined, signal);
export const createMailbox = (body: CreateMailboxBody) => api.post<Mailbox>('/mailboxes', body);
export const updateMailbox = (id: string, body: UpdateMailboxBody) => api.patch<Mailbox>(`/mailboxes/${id}`, body);
export const deleteMailbox = (id: string) => api.delete(`/mailboxes/${id}`);
export const testMailbox = (id: string) => api.post<MailboxTestResult>(`/mailboxes/${id}/test`);
