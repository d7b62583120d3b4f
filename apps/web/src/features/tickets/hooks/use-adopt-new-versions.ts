import { useEffect } from 'react';
import type { Ticket } from '../types';
import { useTicketWorkspace } from './use-ticket';

/**
 * A panel's form follows new versions of the ticket: it takes a newer version when it has no
 * unsaved edits, or when the version is the one its own save just produced; and it always takes
 * the ticket on an explicit reload. An edit in progress is never overwritten by someone else's change.
 */
export function useAdoptNewVersions(ticket: Ticket, seenVersion: number, dirty: boolean, adopt: (t: Ticket) => void) {
  const ws = useTicketWorkspace();
  useEffect(() => {
    if (ticket.version === seenVersion) return;
    const ours = ws.ownVersions.has(ticket.version) && seenVersion === ticket.version - 1;
    if (!dirty || ours) adopt(ticket);
    // Only a new version of the ticket moves the form on.
  }, [ticket.version]);
  useEffect(() => {
    if (ws.reloadSeq > 0) adopt(ticket);
  }, [ws.reloadSeq]);
}
