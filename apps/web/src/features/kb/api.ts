import type {
  ChangeKbArticleStateBody, CreateKbArticleBody, CreateKbCategoryBody, KbAnalytics, KbArticle, KbArticleState,
  KbArticleSummary, KbArticleTicketList, KbArticleUseBody, KbAttachment, KbCategory, KbCategoryList, KbDeflectBody,
  KbDeflectResult, KbDiff, KbFeedbackCounts, KbFromTicketBody, KbSearchResponse, KbSuggestResponse, KbVersion,
  KbVersionList, KbVisibility, KbVoteBody, Locale, MoveKbCategoryBody, Page, UpdateKbArticleBody, UpdateKbCategoryBody,
} from '@kefu/contracts';
import { api, apiRequest } from '../../shared/api/client';
import { uploadFile } from '../../shared/api/upload';

/** Query-key root of every knowledge-base query. */
export const kbResource = 'kb';
export const kbCategoriesKey = [kbResource, 'categories'] as const;
export const kbArticleKey = (id: string) => [kbResource, 'article', id] as const;

const enc = encodeURIComponent;

// ---- categories
export const listKbCategories = (signal?: AbortSignal) => api.get<KbCategoryList>('/kb/categories', undefined, signal);
export const createKbCategory = (body: CreateKbCategoryBody) => api.post<KbCategory>('/kb/categories', body);
export const updateKbCategory = (id: string, body: UpdateKbCategoryBody) => api.patch<KbCategory>(`/kb/categories/${enc(id)}`, body);
export const moveKbCategory = (id: string, body: MoveKbCategoryBody) => api.post<KbCategoryList>(`/kb/categories/${enc(id)}/move`, body);
export const deleteKbCategory = (id: string) => api.delete(`/kb/categories/${enc(id)}`);

// ---- articles
export interface KbArticleFilters {
  q?: string;
  categoryId?: string;
  state?: KbArticleState;
  visibility?: KbVisibility;
  locale?: Locale;
  tag?: string;
  sort?: 'updated' | 'popular' | 'title';
  cursor?: string;
  limit?: number;
}
export const listKbArticles = (filters: KbArticleFilters, signal?: AbortSignal) =>
  api.get<Page<KbArticleSummary>>('/kb/articles', { ...filters }, signal);
export const getKbArticle = (id: string, signal?: AbortSignal) => api.get<KbArticle>(`/kb/articles/${enc(id)}`, undefined, signal);
export const createKbArticle = (body: CreateKbArticleBody) => api.post<KbArticle>('/kb/articles', body);
export const updateKbArticle = (id: string, body: UpdateKbArticleBody) => api.patch<KbArticle>(`/kb/articles/${enc(id)}`, body);
export const changeKbArticleState = (id: string, body: ChangeKbArticleStateBody) => api.post<KbArticle>(`/kb/articles/${enc(id)}/state`, body);
export const createKbArticleFromTicket = (body: KbFromTicketBody) => api.post<KbArticle>('/kb/articles/from-ticket', body);
export const uploadKbAttachment = (file: File, signal?: AbortSignal) => uploadFile<KbAttachment>('/kb/attachments', file, signal);

// ---- versions
export const listKbVersions = (id: string, signal?: AbortSignal) => api.get<KbVersionList>(`/kb/articles/${enc(id)}/versions`, undefined, signal);
export const getKbVersion = (id: string, version: number, signal?: AbortSignal) =>
  api.get<KbVersion>(`/kb/articles/${enc(id)}/versions/${version}`, undefined, signal);
export const getKbDiff = (id: string, from: number, to: number, signal?: AbortSignal) =>
  api.get<KbDiff>(`/kb/articles/${enc(id)}/diff`, { from, to }, signal);
export const restoreKbVersion = (id: string, version: number) => api.post<KbArticle>(`/kb/articles/${enc(id)}/versions/${version}/restore`);

// ---- feedback and use
export const voteKbArticle = (id: string, body: KbVoteBody) =>
  apiRequest<KbFeedbackCounts>(`/kb/articles/${enc(id)}/vote`, { method: 'PUT', body });
/** Counts a view (the server keeps one per visitor per day). */
export const recordKbView = (id: string) => api.post<{ viewCount: number; counted: boolean }>(`/kb/articles/${enc(id)}/view`);
export const deflectKbArticle = (id: string, body: KbDeflectBody) => api.post<KbDeflectResult>(`/kb/articles/${enc(id)}/deflect`, body);
export const recordKbArticleUse = (id: string, body: KbArticleUseBody) => api.post<unknown>(`/kb/articles/${enc(id)}/uses`, body);
export const listKbArticleTickets = (id: string, signal?: AbortSignal) =>
  api.get<KbArticleTicketList>(`/kb/articles/${enc(id)}/tickets`, undefined, signal);

// ---- search and analytics
export const searchKb = (q: string, lang: Locale | undefined, signal?: AbortSignal, limit?: number) =>
  api.get<KbSearchResponse>('/kb/search', { q, lang, limit }, signal);
export const suggestKb = (q: string, lang: Locale | undefined, signal?: AbortSignal) =>
  api.get<KbSuggestResponse>('/kb/suggest', { q, lang }, signal);
export const getKbAnalytics = (query: { from?: string; to?: string; limit?: number }, signal?: AbortSignal) =>
  api.get<KbAnalytics>('/kb/analytics', query, signal);

/** Where customers and visitors read an article (the link agents insert into replies). */
export const portalArticlePath = (id: string) => `/portal/kb/articles/${enc(id)}`;
