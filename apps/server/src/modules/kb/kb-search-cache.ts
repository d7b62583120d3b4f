/*
 * Search results kept in process: a help centre's searches repeat (the same few hundred questions
 * make most of the traffic), and a repeat then costs no database round trip, no segmentation and no
 * snippets. Keyed by audience (public or staff: they see different articles), query, language,
 * category and page size.
 *
 * - Any change that can alter a result (an article written, published, archived, deleted or
 *   restored; its attachments; a category renamed or removed) calls `kbSearchChanged` inside its
 *   transaction: every instance hears it through NOTIFY on commit and drops its whole set (see
 *   platform/realtime/shared-cache.ts). Dropping everything is simpler than knowing which queries an
 *   edit touches, and edits are rare next to searches.
 * - A search that began before a drop stores into the dropped set, which nobody reads any more.
 * - View counts and votes nudge the ranking but do not invalidate: the TTL bounds that drift.
 * - The set is bounded: the oldest entry goes first (Map keeps insertion order; a hit moves to the end).
 */
import type { KbSearchResult } from '@kefu/contracts';
import type { AppDeps } from '../../platform/context.js';
import type { Executor } from '../../platform/db/client.js';
import { setBounded } from '../../platform/bounded-map.js';
import { sharedCache } from '../../platform/realtime/shared-cache.js';

const TTL_MS = 60_000;
/** A query longer than this (a pasted log) is not kept: it is rarely repeated and would make memory unbounded. */
const KEY_MAX = 600;

type Results = Map<string, readonly KbSearchResult[]>;
const cache = sharedCache<Results>('kefu_kb_search', () => Promise.resolve(new Map()), TTL_MS);

export const searchCacheKey = (staff: boolean, q: string, opts: { lang?: string; limit: number; categoryId?: string }) =>
  JSON.stringify([staff ? 's' : 'p', q, opts.lang ?? '', opts.limit, opts.categoryId ?? '']);

/** The cached results under `key`, or else `load`'s, stored for the next identical search. */
export async function cachedSearch(deps: AppDeps, key: string, load: () => Promise<KbSearchResult[]>): Promise<readonly KbSearchResult[]> {
  const max = deps.config.kbSearchCacheEntries;
  if (max === 0 || key.length > KEY_MAX) return load();
  const results = await cache.get(deps.db);
  const hit = results.get(key);
  if (hit) {
    results.delete(key);
    results.set(key, hit);
    return hit;
  }
  const fresh = Object.freeze(await load());
  setBounded(results, key, fresh, max);
  return fresh;
}

/** For writers, inside their transaction: drops every instance's results once it commits. */
export const kbSearchChanged = (deps: AppDeps, tx: Executor) => cache.changed(deps.db, tx);

/** Hears other instances' changes (called once when the routes register). */
export const listenForKbChanges = (deps: AppDeps) => cache.listen(deps.db, deps.realtime);
