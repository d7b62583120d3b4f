import { useEffect, useRef, useState } from 'react';
import { useRealtime, type PresenceState, type RealtimeServerMessage } from '../../../shared/realtime/use-realtime';

export interface Viewer {
  userId: string;
  name: string;
  state: Exclude<PresenceState, 'left'>;
  at: number;
}

const HEARTBEAT_MS = 20_000;
/** A viewer not heard from for this long has gone (closed the tab, lost the network). */
const EXPIRE_MS = 45_000;

/**
 * Who else has this ticket open, and whether they are replying: announces our own state on open,
 * every 20 s and whenever it changes, and "left" on the way out.
 */
export function usePresence(ticketId: string, myId: string, replying: boolean, onMessage?: (m: RealtimeServerMessage) => void) {
  const [viewers, setViewers] = useState<Map<string, Viewer>>(new Map());
  const handler = useRef(onMessage);
  handler.current = onMessage;
  const { send, status } = useRealtime((m) => {
    handler.current?.(m);
    if (m.type !== 'presence' || m.ticketId !== ticketId || m.userId === myId) return;
    setViewers((prev) => {
      const next = new Map(prev);
      if (m.state === 'left') next.delete(m.userId);
      else next.set(m.userId, { userId: m.userId, name: m.name, state: m.state, at: Date.now() });
      return next;
    });
  });
  const state: PresenceState = replying ? 'replying' : 'viewing';

  useEffect(() => {
    send({ type: 'presence', ticketId, state });
    const beat = setInterval(() => send({ type: 'presence', ticketId, state }), HEARTBEAT_MS);
    return () => clearInterval(beat);
  }, [ticketId, state, send, status]);

  useEffect(() => {
    setViewers(new Map());
    return () => send({ type: 'presence', ticketId, state: 'left' });
  }, [ticketId, send]);

  useEffect(() => {
    const prune = setInterval(() => {
      setViewers((prev) => {
        const cutoff = Date.now() - EXPIRE_MS;
        if (![...prev.values()].some((v) => v.at < cutoff)) return prev;
        return new Map([...prev].filter(([, v]) => v.at >= cutoff));
      });
    }, 5_000);
    return () => clearInterval(prune);
  }, []);

  return [...viewers.values()];
}
