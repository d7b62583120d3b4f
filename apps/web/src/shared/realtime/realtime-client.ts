/**
 * One WebSocket per browser tab to `/api/v1/realtime` (same origin, the session cookie
 * authenticates it). It reconnects with capped exponential backoff and jitter, so a restarting
 * server or one that does not offer the endpoint yet costs a quiet retry now and then, never an
 * error toast. Messages sent while disconnected are dropped except the latest presence per ticket,
 * which is replayed on reconnect (presence is state, not history).
 */

export type PresenceState = 'viewing' | 'replying' | 'left';

export type RealtimeServerMessage =
  | { type: 'ticket.changed'; ticketId: string; number?: number; version?: number; event?: string; actorId?: string | null }
  | { type: 'notification'; kind?: string; ticketId?: string | null }
  | { type: 'presence'; ticketId: string; userId: string; name: string; state: PresenceState };

export type RealtimeClientMessage = { type: 'presence'; ticketId: string; state: PresenceState };

export type RealtimeStatus = 'idle' | 'connecting' | 'open' | 'closed';
type Listener = (message: RealtimeServerMessage) => void;
type StatusListener = (status: RealtimeStatus) => void;

const MIN_DELAY = 1_000;
/** Keeps idle sockets from being dropped by proxies that close quiet connections. */
const PING_MS = 25_000;
const MAX_DELAY = 30_000;

function parse(data: unknown): RealtimeServerMessage | null {
  if (typeof data !== 'string') return null;
  try {
    const value: unknown = JSON.parse(data);
    if (typeof value !== 'object' || value === null || !('type' in value)) return null;
    const type = (value as { type: unknown }).type;
    if (type === 'ticket.changed' || type === 'notification' || type === 'presence') return value as RealtimeServerMessage;
    return null;
  } catch {
    return null;
  }
}

class RealtimeConnection {
  private socket: WebSocket | null = null;
  private listeners = new Set<Listener>();
  private statusListeners = new Set<StatusListener>();
  private users = 0;
  private delay = MIN_DELAY;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private presence = new Map<string, RealtimeClientMessage>();
  private ping: ReturnType<typeof setInterval> | undefined;
  status: RealtimeStatus = 'idle';

  /** Counts the components that need the socket; the last one to leave closes it. */
  retain() {
    this.users += 1;
    if (this.users === 1) this.connect();
    return () => {
      this.users -= 1;
      if (this.users === 0) this.shutdown();
    };
  }

  subscribe(listener: Listener) {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  onStatus(listener: StatusListener) {
    this.statusListeners.add(listener);
    return () => void this.statusListeners.delete(listener);
  }

  send(message: RealtimeClientMessage) {
    if (message.type === 'presence') {
      if (message.state === 'left') this.presence.delete(message.ticketId);
      else this.presence.set(message.ticketId, message);
    }
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  private setStatus(status: RealtimeStatus) {
    this.status = status;
    for (const l of this.statusListeners) l(status);
  }

  private connect() {
    clearTimeout(this.timer);
    if (typeof WebSocket === 'undefined') return;
    const url = `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/api/v1/realtime`;
    let socket: WebSocket;
    try {
      socket = new WebSocket(url);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    this.setStatus('connecting');
    socket.onopen = () => {
      this.delay = MIN_DELAY;
      this.setStatus('open');
      for (const m of this.presence.values()) socket.send(JSON.stringify(m));
      clearInterval(this.ping);
      this.ping = setInterval(() => {
        if (socket.readyState === WebSocket.OPEN) socket.send('{"type":"ping"}');
      }, PING_MS);
    };
    socket.onmessage = (event) => {
      const message = parse(event.data);
      if (message) for (const l of this.listeners) l(message);
    };
    // The browser logs a failed handshake itself; there is nothing useful to add or show.
    socket.onerror = () => undefined;
    socket.onclose = () => {
      if (this.socket !== socket) return;
      clearInterval(this.ping);
      this.socket = null;
      this.setStatus('closed');
      if (this.users > 0) this.scheduleReconnect();
    };
  }

  private scheduleReconnect() {
    clearTimeout(this.timer);
    const wait = this.delay * (0.75 + Math.random() * 0.5);
    this.delay = Math.min(this.delay * 2, MAX_DELAY);
    this.timer = setTimeout(() => {
      if (this.users > 0) this.connect();
    }, wait);
  }

  private shutdown() {
    clearTimeout(this.timer);
    clearInterval(this.ping);
    const socket = this.socket;
    this.socket = null;
    socket?.close();
    this.setStatus('idle');
  }
}

export const realtime = new RealtimeConnection();
