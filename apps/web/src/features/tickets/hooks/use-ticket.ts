import { createContext, useCallback, useContext, useEffect, useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { realtime } from '../../../shared/realtime/realtime-client';
import { getTicket, getTimeline, ticketKey, ticketsResource, timelineKey } from '../api';
import type { Ticket } from '../types';

/** Without a live connection (server restarting, proxy without WebSocket) the page polls instead. */
const FALLBACK_POLL_MS = 30_000;
const pollUnlessLive = () => (realtime.status === 'open' ? false : FALLBACK_POLL_MS);

/**
 * A business-time countdown cannot see from the browser when working hours start or stop, so while
 * one runs the ticket is re-read once a minute (only in a visible tab) to keep it true.
 */
const BUSINESS_CLOCK_MS = 60_000;
const pollTicket = (query: { state: { data?: Ticket } }) =>
  pollUnlessLive() || (query.state.data?.sla?.targets.some((t) => t.businessTime && t.state === 'running') ? BUSINESS_CLOCK_MS : false);

export function useTicketQuery(id: string) {
  return useQuery({ queryKey: ticketKey(id), queryFn: ({ signal }) => getTicket(id, signal), staleTime: 10_000, refetchInterval: pollTicket });
}

export function useTimelineQuery(id: string) {
  return useQuery({ queryKey: timelineKey(id), queryFn: ({ signal }) => getTimeline(id, signal), staleTime: 10_000, refetchInterval: pollUnlessLive });
}

/**
 * What the editors of one ticket page share: the ticket as last loaded, the versions this page
 * wrote itself (so its own saves never look like someone else's), and the "someone else changed
 * it" state raised by a 412.
 */
export interface TicketWorkspace {
  ticket: Ticket;
  /** After a write of ours: cache the returned ticket and refresh what shows it. */
  applyTicket: (ticket: Ticket) => void;
  /** After a write that answers without the ticket (a message): the version it made is ours. */
  markOwn: (version: number) => void;
  /** Refetch the ticket and its timeline (after a write that answers without the ticket). */
  refresh: () => void;
  ownVersions: ReadonlySet<number>;
  stale: boolean;
  setStale: (stale: boolean) => void;
  reload: () => Promise<void>;
  /** Bumped after a reload: editors take the reloaded version as the one they have seen. */
  reloadSeq: number;
}

export const TicketWorkspaceContext = createContext<TicketWorkspace | null>(null);

export function useTicketWorkspace(): TicketWorkspace {
  const ws = useContext(TicketWorkspaceContext);
  if (!ws) throw new Error('useTicketWorkspace outside a ticket page');
  return ws;
}

export function useTicketWorkspaceState(ticket: Ticket | undefined): Omit<TicketWorkspace, 'ticket'> {
  const queryClient = useQueryClient();
  const own = useRef(new Set<number>());
  const [stale, setStale] = useState(false);
  const [reloadSeq, setReloadSeq] = useState(0);
  const id = ticket?.id;

  const refreshAround = useCallback(
    (ticketId: string) => {
      void queryClient.invalidateQueries({ queryKey: timelineKey(ticketId) });
      void queryClient.invalidateQueries({ queryKey: [ticketsResource, 'queue'] });
    },
    [queryClient],
  );

  const applyTicket = useCallback(
    (next: Ticket) => {
      own.current.add(next.version);
      queryClient.setQueryData(ticketKey(next.id), next);
      refreshAround(next.id);
    },
    [queryClient, refreshAround],
  );

  const markOwn = useCallback((version: number) => void own.current.add(version), []);
  const refresh = useCallback(() => {
    if (!id) return;
    void queryClient.invalidateQueries({ queryKey: ticketKey(id) });
    refreshAround(id);
  }, [id, queryClient, refreshAround]);

  const reload = useCallback(async () => {
    if (!id) return;
    await Promise.all([
      queryClient.refetchQueries({ queryKey: ticketKey(id) }),
      queryClient.refetchQueries({ queryKey: timelineKey(id) }),
    ]);
    setStale(false);
    setReloadSeq((s) => s + 1);
  }, [id, queryClient]);

  return { applyTicket, markOwn, refresh, ownVersions: own.current, stale, setStale, reload, reloadSeq };
}

/**
 * The version an editor sends as If-Match. While nothing is being edited it follows the ticket;
 * while a draft is open it stays at the version the agent started from, so a change by someone
 * else in the meantime is refused (412) instead of silently overwritten. The page's own writes
 * move it on (a write made from version v produces v + 1).
 */
export function useBaseVersion(editing: boolean) {
  const { ticket, ownVersions, reloadSeq } = useTicketWorkspace();
  const [base, setBase] = useState(ticket.version);
  const version = ticket.version;
  useEffect(() => {
    setBase((b) => (!editing || (ownVersions.has(version) && b === version - 1) ? version : b));
  }, [version, editing, ownVersions]);
  useEffect(() => {
    if (reloadSeq > 0) setBase(version);
    // Only a reload (not every version change) adopts the latest version while editing.
  }, [reloadSeq]);
  return base;
}
