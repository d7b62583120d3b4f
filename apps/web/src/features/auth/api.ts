import type { LoginBody, MeResponse, SessionUser, UpdateMeBody } from '@kefu/contracts';
import { api, isApiError } from '../../shared/api/client';

export const sessionKey = ['session'] as const;

/** The signed-in user, or null when there is no session (a 401 here is an answer, not an error). */
export async function fetchSession(): Promise<MeResponse | null> {
  try {
    return await api.get<MeResponse>('/me');
  } catch (error) {
    if (isApiError(error) && error.status === 401) return null;
    throw error;
  }
}

export const login = (body: LoginBody) => api.post<{ user: SessionUser }>('/auth/login', body);
export const logout = () => api.post<void>('/auth/logout');
export const updateMe = (body: UpdateMeBody) => api.patch<MeResponse>('/me', body);
