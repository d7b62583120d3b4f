import type { Db, Executor, Tx } from './client.js';

type Hook = () => unknown;
const hooks = new WeakMap<object, Hook[]>();

/**
 * A transaction whose work can schedule things to run once it has committed. Announcements
 * (NOTIFY) belong there: PostgreSQL serializes the commits of transactions that issued NOTIFY
 * under one global lock, fsync included, which would cap ticket writes at one commit at a time.
 */
export async function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  const pending: Hook[] = [];
  const result = await db.transaction(async (tx) => {
    hooks.set(tx, pending);
    return work(tx);
  });
  for (const hook of pending) {
    try {
      await hook();
    } catch {
      // A lost announcement costs a live update, never data: clients refetch on reconnect.
    }
  }
  return result;
}

/** Runs `hook` after the transaction that `tx` belongs to commits; never if it rolls back. */
export function afterCommit(tx: Executor, hook: Hook) {
  const list = hooks.get(tx);
  if (!list) throw new Error('afterCommit needs a transaction opened with inTransaction()');
  list.push(hook);
}
