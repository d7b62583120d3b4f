import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { timelineKey } from '../../tickets/api';

const EVERY_MS = 3_000;
/** A reply still queued after this long waits on retries (mail server down): the page's own refresh covers it. */
const FOR_MS = 2 * 60_000;

/**
 * The sending job changes a reply's delivery state without a ticket change the page would hear of,
 * so while a reply is queued its timeline is re-read every few seconds until it is sent or failed.
 */
export function useRefreshWhileQueued(ticketId: string, queued: boolean) {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!queued) return;
    const started = Date.now();
    const timer = setInterval(() => {
      if (Date.now() - started > FOR_MS) clearInterval(timer);
      else if (document.visibilityState === 'visible') void queryClient.invalidateQueries({ queryKey: timelineKey(ticketId) });
    }, EVERY_MS);
    return () => clearInterval(timer);
  }, [queryClient, ticketId, queued]);
}
