import { useCallback } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { MeResponse, SessionUser } from '@kefu/contracts';
import { isApiError } from '../../../shared/api/client';
import { sessionKey } from '../api';

/** After a mailed link signed the user in: the same cache handover as a password sign-in. */
export function useAdoptSession() {
  const queryClient = useQueryClient();
  return useCallback(
    ({ user }: { user: SessionUser }) => {
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== sessionKey[0] });
      const session: MeResponse = { user, via: 'session', effectiveRole: user.role };
      queryClient.setQueryData(sessionKey, session);
    },
    [queryClient],
  );
}

export type LinkProblemKey = 'accounts.link.used' | 'accounts.link.expired' | 'accounts.link.invalid';

/** The i18n key that explains a failed mailed link, and whether asking for a new one helps. */
export function linkProblem(error: unknown): { key: LinkProblemKey | null; renewable: boolean } {
  if (isApiError(error)) {
    if (error.code === 'token_used') return { key: 'accounts.link.used', renewable: false };
    if (error.code === 'token_expired') return { key: 'accounts.link.expired', renewable: true };
    if (error.code === 'token_invalid') return { key: 'accounts.link.invalid', renewable: true };
  }
  return { key: null, renewable: false };
}

/** Only same-site paths: `next` comes from the URL. */
export function safeNext(next: string | null): string | null {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : null;
}
