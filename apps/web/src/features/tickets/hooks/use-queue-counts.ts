import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { TicketCounts } from '@kefu/contracts';
import { api } from '../../../shared/api/client';
import { ticketsResource } from '../api';
import { queueViews, savedViewFilters, viewFilters } from '../queue-views';
import { useSavedViews } from './use-saved-views';

/**
 * How many tickets each preset and saved view holds. Kept under the queue's query key, so the live
 * sync (TicketsLiveSync) refreshes the counts whenever any ticket changes, on any instance.
 */
export function useQueueCounts() {
  const { personal, shared } = useSavedViews();
  const views = [
    ...queueViews.map((v) => ({ key: v, filters: viewFilters[v] })),
    ...[...personal, ...shared].map((v) => ({ key: `saved:${v.id}`, filters: savedViewFilters(v) })),
  ];
  const query = useQuery({
    queryKey: [ticketsResource, 'queue', 'counts', views] as const,
    queryFn: () => api.post<TicketCounts>('/tickets/counts', { views }),
    placeholderData: keepPreviousData,
    staleTime: 5_000,
  });
  const counts = query.data?.counts ?? {};
  return {
    preset: (view: string) => counts[view] ?? null,
    saved: (id: string) => counts[`saved:${id}`] ?? null,
    cap: query.data?.cap ?? 999,
  };
}
