import type { AppDeps } from '../../platform/context.js';
import type { Executor } from '../../platform/db/client.js';
import { publish, type RealtimeBus } from '../../platform/realtime/bus.js';
import type { Actor } from './actor.js';

const CHANNEL = 'kefu_auth';
/** Upper bound on how stale a cached identity can be if an invalidation message is ever lost. */
const TTL_MS = 10_000;
const MAX_ENTRIES = 20_000;

interface Entry {
  actor: Actor;
  cachedAt: number;
  expiresAt: number;
  lastSeenAt: number;
}

export type AuthInvalidation = { userId: string } | { sessionId: string } | { tokenId: string };

/**
 * Resolved sessions and tokens, keyed by their hash, so the common request does not touch the
 * database. Every change that could alter a cached identity publishes an invalidation in its own
 * transaction; all instances drop the entry on commit.
 */
export class AuthCache {
  private readonly entries = new Map<string, Entry>();
  /** Bumped by every invalidation: a lookup that began before one must not cache what it read. */
  generation = 0;

  get(key: string, now: number): Entry | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (now - e.cachedAt > TTL_MS || now >= e.expiresAt) {
      this.entries.delete(key);
      return undefined;
    }
    return e;
  }

  set(key: string, entry: Omit<Entry, 'cachedAt'>, now: number, readAtGeneration: number) {
    if (readAtGeneration !== this.generation) return;
    if (this.entries.size >= MAX_ENTRIES) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, { ...entry, cachedAt: now });
  }

  invalidate(target: AuthInvalidation) {
    this.generation++;
    if ('sessionId' in target) return void this.entries.delete(target.sessionId);
    for (const [key, e] of this.entries) {
      if ('userId' in target ? e.actor.userId === target.userId : e.actor.tokenId === target.tokenId) this.entries.delete(key);
    }
  }

  clear() {
    this.generation++;
    this.entries.clear();
  }

  async listen(bus: RealtimeBus) {
    await bus.subscribe(CHANNEL, (payload) => {
      try {
        this.invalidate(JSON.parse(payload) as AuthInvalidation);
      } catch {
        this.clear();
      }
    });
    bus.onReset(() => this.clear());
  }
}

const caches = new WeakMap<object, AuthCache>();

/** One cache per database handle, i.e. per app instance. */
export function authCacheOf(deps: AppDeps): AuthCache {
  let cache = caches.get(deps.database);
  if (!cache) caches.set(deps.database, (cache = new AuthCache()));
  return cache;
}

/** Drops the identity here at once and, when `exec`'s transaction commits, on every instance. */
export async function invalidateAuth(deps: AppDeps, exec: Executor, target: AuthInvalidation) {
  authCacheOf(deps).invalidate(target);
  await publish(exec, CHANNEL, target);
}
