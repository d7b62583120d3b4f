import { useEffect, useRef, useState } from 'react';
import { realtime, type RealtimeClientMessage, type RealtimeServerMessage, type RealtimeStatus } from './realtime-client';

export type { PresenceState, RealtimeClientMessage, RealtimeServerMessage, RealtimeStatus } from './realtime-client';

const send = (message: RealtimeClientMessage) => realtime.send(message);

/**
 * The tab's live connection: keeps the shared socket open while mounted and hands every server
 * message to `onMessage` (the latest one passed, so callers need not memoise it).
 */
export function useRealtime(onMessage?: (message: RealtimeServerMessage) => void) {
  const handler = useRef(onMessage);
  handler.current = onMessage;
  const [status, setStatus] = useState<RealtimeStatus>(realtime.status);

  useEffect(() => {
    const release = realtime.retain();
    const unsubscribe = realtime.subscribe((m) => handler.current?.(m));
    const unwatch = realtime.onStatus(setStatus);
    return () => {
      unwatch();
      unsubscribe();
      release();
    };
  }, []);

  return { status, send };
}
