/*
 * Group writes that arrive together into one statement (group commit at the application level).
 *
 * Under load, many requests reach the same write within one turn of the event loop. Sending them as
 * one multi-row statement costs one round trip, one plan and one commit instead of one each, which
 * is where most of a small insert's time goes. A lone request is not delayed: the batch is sent at
 * the end of the turn it arrived in (setImmediate), never on a timer.
 *
 * A failing batch is retried item by item, so an error reaches only the request that caused it and
 * one bad row never fails its neighbours.
 */

interface Waiting<I, O> {
  item: I;
  resolve: (value: O) => void;
  reject: (error: unknown) => void;
}

/**
 * `run` receives the items of one batch and must return one result per item, in order. Batches are
 * kept per `key` (a database handle), so tests with several databases never mix their rows.
 */
export function createBatcher<K extends object, I, O>(run: (key: K, items: I[]) => Promise<O[]>, maxSize = 100) {
  const open = new WeakMap<K, Waiting<I, O>[]>();

  async function flush(key: K, batch: Waiting<I, O>[]) {
    if (open.get(key) === batch) open.delete(key);
    try {
      const results = await run(key, batch.map((w) => w.item));
      batch.forEach((w, i) => w.resolve(results[i]!));
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(error);
      for (const w of batch) {
        run(key, [w.item]).then(([r]) => w.resolve(r!), w.reject);
      }
    }
  }

  return (key: K, item: I): Promise<O> =>
    new Promise<O>((resolve, reject) => {
      let batch = open.get(key);
      if (!batch) {
        const fresh: Waiting<I, O>[] = [];
        open.set(key, (batch = fresh));
        setImmediate(() => void (open.get(key) === fresh && flush(key, fresh)));
      }
      batch.push({ item, resolve, reject });
      if (batch.length >= maxSize) void flush(key, batch);
    });
}
