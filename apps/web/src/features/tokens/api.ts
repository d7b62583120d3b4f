import type { ApiToken, CreateTokenBody } from '@kefu/contracts';
import { api } from '../../shared/api/client';

export const tokensResource = 'tokens';

export const listTokens = (signal?: AbortSignal) => api.get<{ items: ApiToken[] }>('/tokens', undefined, signal);
export const createToken = (body: CreateTokenBody) => api.post<{ token: ApiToken; secret: string }>('/tokens', body);
export const revokeToken = (id: string) => api.delete(`/tokens/${id}`);
