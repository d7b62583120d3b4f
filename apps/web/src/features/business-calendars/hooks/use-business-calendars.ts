import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BusinessCalendarDto, UpdateBusinessCalendarBody } from '@kefu/contracts';
import { businessCalendarsResource, getBusinessCalendar, listBusinessCalendars, updateBusinessCalendar } from '../api';

export function useBusinessCalendars() {
  const query = useQuery({ queryKey: [businessCalendarsResource, 'list'], queryFn: ({ signal }) => listBusinessCalendars(signal) });
  return { calendars: query.data?.items ?? [], query };
}

export function useBusinessCalendar(id: string) {
  return useQuery({ queryKey: [businessCalendarsResource, 'one', id], queryFn: ({ signal }) => getBusinessCalendar(id, signal) });
}

/**
 * Saves part of a calendar against the version on screen. The answer replaces the cached calendar
 * at once, so the next edit carries the new version; a 412 means someone else saved first.
 */
export function useSaveBusinessCalendar(calendar: BusinessCalendarDto | undefined) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: UpdateBusinessCalendarBody) => updateBusinessCalendar(calendar!.id, patch, calendar!.version),
    onSuccess: (saved) => {
      queryClient.setQueryData([businessCalendarsResource, 'one', saved.id], saved);
      void queryClient.invalidateQueries({ queryKey: [businessCalendarsResource, 'list'] });
    },
  });
}
