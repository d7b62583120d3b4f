import type {
  AcceptInvitationBody, AccountRequestAccepted, LoginBody, MeResponse, RegisterBody, ResetPasswordBody, SessionUser, UpdateMeBody,
} from '@kefu/contracts';
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

// ——— Portal accounts: sign-up, verification, password reset, sign-in links, invitations ———

export const register = (body: RegisterBody) => api.post<AccountRequestAccepted>('/auth/register', body);
export const verifyEmail = (token: string) => api.post<{ user: SessionUser }>('/auth/verify', { token });
export const resendVerification = (email: string) => api.post<AccountRequestAccepted>('/auth/verify/resend', { email });
export const requestPasswordReset = (email: string) => api.post<AccountRequestAccepted>('/auth/password-reset', { email });
export const confirmPasswordReset = (body: ResetPasswordBody) => api.post<{ user: SessionUser }>('/auth/password-reset/confirm', body);
export const requestLoginLink = (email: string) => api.post<AccountRequestAccepted>('/auth/login-link', { email });
export const confirmLoginLink = (token: string) => api.post<{ user: SessionUser }>('/auth/login-link/confirm', { token });
export const acceptInvitation = (body: AcceptInvitationBody) => api.post<{ user: SessionUser }>('/auth/invitation/accept', body);
