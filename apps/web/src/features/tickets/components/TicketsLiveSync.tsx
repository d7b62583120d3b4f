import { useQueryClient } from '@tanstack/react-query';
import { useRealtime } from '../../../shared/realtime/use-realtime';
import { followUpsResource } from '../../follow-ups/api';
import { ticketKey, ticketsResource, timelineKey } from '../api';

/**
 * Keeps every open view of tickets current: a change announced by the server refreshes that
 * ticket, its timeline and the queues (only the ones on screen refetch right away).
 */
export function TicketsLiveSync() {
  const queryClient = useQueryClient();
  useRealtime((m) => {
    if (m.type !== 'ticket.changed') return;
    const cached = queryClient.getQueryData<{ version: number }>(ticketKey(m.ticketId));
    // SLA events change the clocks without a new version: the ticket is re-read all the same.
    if (!cached || m.version === undefined || cached.version < m.version || m.event?.startsWith('sla.')) {
      void queryClient.invalidateQueries({ queryKey: ticketKey(m.ticketId) });
    }
    void queryClient.invalidateQueries({ queryKey: timelineKey(m.ticketId) });
    void queryClient.invalidateQueries({ queryKey: [ticketsResource, 'queue'] });
    void queryClient.invalidateQueries({ queryKey: [followUpsResource] });
  });
  return null;
}
