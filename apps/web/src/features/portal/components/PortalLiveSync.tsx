import { useQueryClient } from '@tanstack/react-query';
import { useRealtime } from '../../../shared/realtime/use-realtime';
import { ticketKey, ticketsResource, timelineKey } from '../../tickets/api';

/**
 * The portal's live updates: the server tells a customer about changes to their own requests, and
 * the request page and "my requests" refresh without a reload.
 */
export function PortalLiveSync() {
  const queryClient = useQueryClient();
  useRealtime((m) => {
    if (m.type !== 'ticket.changed') return;
    void queryClient.invalidateQueries({ queryKey: ticketKey(m.ticketId) });
    void queryClient.invalidateQueries({ queryKey: timelineKey(m.ticketId) });
    void queryClient.invalidateQueries({ queryKey: [ticketsResource, 'portal'] });
  });
  return null;
}
