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

const EXPIRED_KEY = 'kefu.sessionExpired';

/** Lets the login page say why the user is back there; read once. */
export function markSessionExpired() {
  try {
    sessionStorage.setItem(EXPIRED_KEY, '1');
  } catch {
    // storage unavailable: the login page just shows no notice
  }
}

export function sessionExpired(): boolean {
  try {
    return sessionStorage.getItem(EXPIRED_KEY) === '1';
  } catch {
    return false;
  }
}

export function clearSessionExpired() {
  try {
    sessionStorage.removeItem(EXPIRED_KEY);
  } catch {
    // nothing to clear
  }
}
