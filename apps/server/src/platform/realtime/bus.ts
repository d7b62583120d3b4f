import { sql } from 'drizzle-orm';
import pg from 'pg';
import type { Database, Executor } from '../db/client.js';

type Handler = (payload: string) => void;

/**
 * Cross-instance events over PostgreSQL LISTEN/NOTIFY. A message published inside a transaction
 * reaches every instance, this one included, only if that transaction commits.
 */
export interface RealtimeBus {
  subscribe(channel: string, handler: Handler): Promise<void>;
  /** Called when the bus lost its connection: subscribers may have missed messages. */
  onReset(handler: () => void): void;
  close(): Promise<void>;
}

const CHANNEL = /^[a-z_][a-z0-9_]{0,62}$/;

export async function publish(exec: Executor, channel: string, payload: unknown) {
  if (!CHANNEL.test(channel)) throw new Error(`bad channel name ${channel}`);
  await exec.execute(sql`select pg_notify(${channel}, ${JSON.stringify(payload)})`);
}

export function openRealtimeBus(database: Database): RealtimeBus {
  if (database.pglite) return pgliteBus(database);
  if (!database.url) throw new Error('a PostgreSQL database needs its URL for the realtime bus');
  return postgresBus(database.url);
}

function pgliteBus(database: Database): RealtimeBus {
  const unsubs: Array<() => Promise<void>> = [];
  return {
    subscribe: async (channel, handler) => {
      unsubs.push(await database.pglite!.listen(channel, handler));
    },
    onReset: () => undefined, // one process, one connection: nothing to lose
    close: async () => {
      if (database.pglite!.closed) return;
      for (const u of unsubs) await u().catch(() => undefined);
    },
  };
}

/** A dedicated listening connection that reconnects with backoff and reports each reconnect. */
function postgresBus(url: string): RealtimeBus {
  const handlers = new Map<string, Set<Handler>>();
  const resetHandlers: Array<() => void> = [];
  let client: pg.Client | undefined;
  let closed = false;
  let connecting: Promise<void> | undefined;
  let delay = 100;

  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: url, application_name: 'kefu-realtime' });
    c.on('notification', (m) => {
      for (const h of handlers.get(m.channel) ?? []) h(m.payload ?? '');
    });
    c.on('error', () => undefined);
    c.on('end', () => {
      if (closed || client !== c) return;
      client = undefined;
      setTimeout(() => void reconnect(), delay);
      delay = Math.min(delay * 2, 5000);
    });
    await c.connect();
    for (const channel of handlers.keys()) await c.query(`listen ${channel}`);
    client = c;
    delay = 100;
  };
  const reconnect = async () => {
    if (closed) return;
    try {
      await connect();
      for (const h of resetHandlers) h();
    } catch {
      setTimeout(() => void reconnect(), delay);
      delay = Math.min(delay * 2, 5000);
    }
  };

  return {
    subscribe: async (channel, handler) => {
      if (!CHANNEL.test(channel)) throw new Error(`bad channel name ${channel}`);
      const isNew = !handlers.has(channel);
      if (isNew) handlers.set(channel, new Set());
      handlers.get(channel)!.add(handler);
      connecting ??= connect();
      await connecting;
      if (isNew && client) await client.query(`listen ${channel}`);
    },
    onReset: (h) => void resetHandlers.push(h),
    close: async () => {
      closed = true;
      await client?.end().catch(() => undefined);
    },
  };
}

const outbox = new WeakMap<Executor, { channel: string; payload: string }[]>();

/**
 * Queues an announcement and returns at once; everything queued in the same tick goes out in one
 * statement. For after-commit announcements, where a request should not wait on delivery.
 */
export function announce(exec: Executor, channel: string, payload: unknown) {
  if (!CHANNEL.test(channel)) throw new Error(`bad channel name ${channel}`);
  let queue = outbox.get(exec);
  if (!queue) {
    const pending: { channel: string; payload: string }[] = [];
    outbox.set(exec, (queue = pending));
    setImmediate(() => {
      outbox.delete(exec);
      const calls = sql.join(pending.map((m) => sql`pg_notify(${m.channel}, ${m.payload})`), sql`, `);
      exec.execute(sql`select ${calls}`).catch(() => undefined);
    });
  }
  queue.push({ channel, payload: JSON.stringify(payload) });
}
