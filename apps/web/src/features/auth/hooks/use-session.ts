import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { LoginBody, MeResponse, Role, UpdateMeBody } from '@kefu/contracts';
import { fetchSession, login, logout, sessionKey, updateMe } from '../api';

export function useSession() {
  const query = useQuery({ queryKey: sessionKey, queryFn: fetchSession, staleTime: 5 * 60_000, retry: false });
  return { ...query, session: query.data ?? null, user: query.data?.user ?? null };
}

/** Only call inside a route guarded by RequireAuth: there the session is loaded and present. */
export function useCurrentUser() {
  const { user } = useSession();
  if (!user) throw new Error('useCurrentUser used outside an authenticated route');
  return user;
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: LoginBody) => login(body),
    onSuccess: ({ user }) => {
      // A fresh session: drop anything cached for a previous user before showing theirs.
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== sessionKey[0] });
      const session: MeResponse = { user, via: 'session', effectiveRole: user.role };
      queryClient.setQueryData(sessionKey, session);
    },
  });
}

export function useLogout() {
  return useMutation({
    mutationFn: logout,
    // A full page load after signing out drops every cached record of this user from memory, and
    // leaves the cache untouched until then so no guard redirects to /login?next=… on the way out.
    onSuccess: () => window.location.replace('/login'),
  });
}

export function useUpdateMe() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateMeBody) => updateMe(body),
    onSuccess: (me) => queryClient.setQueryData(sessionKey, me),
  });
}

const staff: readonly Role[] = ['admin', 'supervisor', 'agent'];
export const isStaff = (role: Role) => staff.includes(role);

/** Where each role starts after signing in. */
export function homeFor(role: Role): string {
  if (role === 'admin') return '/admin';
  if (role === 'customer') return '/portal';
  return '/agent';
}
