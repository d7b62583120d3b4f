import type { CustomField } from '@kefu/contracts';
import type { Executor } from '../../platform/db/client.js';
import { publish, type RealtimeBus } from '../../platform/realtime/bus.js';
import { presentField } from './custom-fields.presenter.js';
import { listAllFields } from './custom-fields.repository.js';

const CHANNEL = 'kefu_custom_fields';
/** Bounds how stale a definition can be on another instance if an invalidation is ever lost. */
const TTL_MS = 30_000;

interface Cache {
  defs?: readonly CustomField[];
  loadedAt: number;
  /** Bumped by every invalidation: a load that began before one must not store what it read. */
  generation: number;
}

const caches = new WeakMap<object, Cache>();
const cacheOf = (db: object) => {
  let c = caches.get(db);
  if (!c) caches.set(db, (c = { loadedAt: 0, generation: 0 }));
  return c;
};

/**
 * Every definition (active or not) in form order. Read on every ticket write, so it is kept in
 * process and dropped whenever a definition changes here or, through NOTIFY, on another instance.
 * Pass the app's `deps.db`: a transaction handle is not cached, it just reads.
 */
export async function loadCustomFieldDefs(db: Executor): Promise<readonly CustomField[]> {
  const cache = cacheOf(db);
  // Wall time, not deps.clock: this is a cache lifetime, and tests that move the clock must not age it.
  const now = Date.now();
  if (cache.defs && now - cache.loadedAt < TTL_MS) return cache.defs;
  const generation = cache.generation;
  const defs = Object.freeze((await listAllFields(db)).map(presentField));
  if (generation === cache.generation) Object.assign(cache, { defs, loadedAt: now });
  return defs;
}

/**
 * Tells every instance, when `exec`'s transaction commits, to drop its copy. The writer also drops
 * its own copy after commit (a drop before commit could be refilled with the old rows meanwhile).
 */
export const announceCustomFieldChange = (exec: Executor) => publish(exec, CHANNEL, {});

export function dropCustomFieldDefs(db: object) {
  const cache = cacheOf(db);
  cache.generation++;
  cache.defs = undefined;
}

export async function listenForCustomFieldChanges(db: object, bus: RealtimeBus) {
  await bus.subscribe(CHANNEL, () => dropCustomFieldDefs(db));
  bus.onReset(() => dropCustomFieldDefs(db));
}
