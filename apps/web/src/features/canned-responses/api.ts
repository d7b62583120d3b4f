import type {
  CannedResponse, CannedResponseCategories, CreateCannedResponseBody, Page, PreviewCannedResponseBody, RenderCannedResponseBody,
  RenderedCannedResponse, UpdateCannedResponseBody,
} from '@kefu/contracts';
import { api, type QueryParams } from '../../shared/api/client';

export const cannedResponsesResource = 'canned-responses';

export const listCannedResponses = (query: QueryParams, signal?: AbortSignal) =>
  api.get<Page<CannedResponse>>('/canned-responses', query, signal);
export const listCannedResponseCategories = (signal?: AbortSignal) =>
  api.get<CannedResponseCategories>('/canned-responses/categories', undefined, signal);
export const getCannedResponse = (id: string) => api.get<CannedResponse>(`/canned-responses/${id}`);
export const createCannedResponse = (body: CreateCannedResponseBody) => api.post<CannedResponse>('/canned-responses', body);
export const updateCannedResponse = (id: string, body: UpdateCannedResponseBody) => api.patch<CannedResponse>(`/canned-responses/${id}`, body);
export const deleteCannedResponse = (id: string) => api.delete(`/canned-responses/${id}`);
export const renderCannedResponse = (id: string, body: RenderCannedResponseBody) =>
  api.post<RenderedCannedResponse>(`/canned-responses/${id}/render`, body);
export const previewCannedResponse = (body: PreviewCannedResponseBody) => api.post<RenderedCannedResponse>('/canned-responses/preview', body);
