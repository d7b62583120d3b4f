import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SavedView, UpdateSavedViewBody } from '@kefu/contracts';
import { useSession } from '../../auth/hooks/use-session';
import { createSavedView, deleteSavedView, listSavedViews, savedViewsKey, updateSavedView } from '../api';

/** The caller's personal views and every shared one, in sidebar order (the server sorts them). */
export function useSavedViews() {
  const query = useQuery({ queryKey: savedViewsKey, queryFn: ({ signal }) => listSavedViews(signal), staleTime: 60_000 });
  const items = query.data?.items ?? [];
  return {
    query,
    personal: items.filter((v) => v.scope === 'personal'),
    shared: items.filter((v) => v.scope === 'shared'),
    byId: (id: string | undefined) => (id ? items.find((v) => v.id === id) : undefined),
  };
}

/** Shared views shape every agent's sidebar: the server lets only supervisors and admins keep them. */
export function useCanShareViews() {
  const { session } = useSession();
  const role = session?.effectiveRole;
  return role === 'admin' || role === 'supervisor';
}

/** Writes to saved views; each refreshes the list so every rail shows the same order and names. */
export function useSavedViewWrites() {
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: savedViewsKey });
  const create = useMutation({ mutationFn: createSavedView, onSuccess: refresh });
  const update = useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateSavedViewBody }) => updateSavedView(id, body),
    onSuccess: refresh,
  });
  const remove = useMutation({ mutationFn: (view: SavedView) => deleteSavedView(view.id), onSuccess: refresh });
  return { create, update, remove };
}
