/*
 * A small, rarely changing table set (custom field definitions, SLA policies and calendars) that
 * is read on every ticket write, kept in process and dropped whenever it changes — here, or on
 * another instance through NOTIFY.
 *
 * - Writers call `changed(db, tx)` inside their transaction: every instance hears it when it
 *   commits, and this one drops its copy after commit (a drop before commit could be refilled with
 *   the old rows meanwhile).
 * - A generation counter, bumped by every drop, stops a load that began before a change from
 *   storing what it read.
 * - The TTL bounds how stale a copy can be on another instance if an invalidation is ever lost.
 *   It is wall time, not the app clock: tests that move their clock must not age it.
 * - The app's `deps.db` is the key; a transaction handle may do the loading, never be the key.
 */
import type { Executor } from '../db/client.js';
import { afterCommit } from '../db/transaction.js';
import { publish, type RealtimeBus } from './bus.js';

interface Entry<T> {
  value?: T;
  loadedAt: number;
  generation: number;
}

export interface SharedCache<T> {
  /**
   * The cached value for `db` (the app's handle); a miss loads through `exec`, which inside a
   * transaction must be the transaction (an embedded database has one connection, and it is busy).
   */
  get(db: Executor, exec?: Executor): Promise<T>;
  /** For a writer inside `inTransaction`: tells every instance, and drops this one's copy after commit. */
  changed(db: object, tx: Executor): Promise<void>;
  listen(db: object, bus: RealtimeBus): Promise<void>;
}

export function sharedCache<T>(channel: string, load: (db: Executor) => Promise<T>, ttlMs = 30_000): SharedCache<T> {
  const entries = new WeakMap<object, Entry<T>>();
  const entryOf = (db: object) => {
    let e = entries.get(db);
    if (!e) entries.set(db, (e = { loadedAt: 0, generation: 0 }));
    return e;
  };
  const drop = (db: object) => {
    const e = entryOf(db);
    e.generation++;
    e.value = undefined;
  };
  return {
    async get(db, exec = db) {
      const e = entryOf(db);
      const now = Date.now();
      if (e.value !== undefined && now - e.loadedAt < ttlMs) return e.value;
      const generation = e.generation;
      const value = await load(exec);
      if (generation === e.generation) Object.assign(e, { value, loadedAt: now });
      return value;
    },
    async changed(db, tx) {
      await publish(tx, channel, {});
      afterCommit(tx, () => drop(db));
    },
    async listen(db, bus) {
      await bus.subscribe(channel, () => drop(db));
      bus.onReset(() => drop(db));
    },
  };
}
