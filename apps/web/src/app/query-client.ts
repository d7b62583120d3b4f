import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from '../shared/api/client';
import { markSessionExpired, sessionKey } from '../features/auth/api';

/**
 * A 401 `unauthenticated` from any call means the session ended (expired, revoked, user
 * deactivated): clearing the cached session makes the route guard send the user to /login.
 */
export function createQueryClient() {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: (error) => onApiError(error) }),
    mutationCache: new MutationCache({ onError: (error) => onApiError(error) }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: (count, error) => !(isApiError(error) && error.status >= 400 && error.status < 500) && count < 2,
      },
    },
  });
  function onApiError(error: unknown) {
    if (isApiError(error) && error.status === 401 && error.code === 'unauthenticated') {
      if (client.getQueryData(sessionKey)) markSessionExpired();
      client.setQueryData(sessionKey, null);
    }
  }
  return client;
}
