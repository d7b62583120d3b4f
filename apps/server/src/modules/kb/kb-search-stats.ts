/*
 * Search counts for analytics ("searches with no result" is the list of articles to write next).
 * Not written in the search's own path: 20 people searching at once would queue on the same
 * (day, query) row. Counts gather in memory and are flushed in one statement a few seconds later
 * (or before analytics are read); a crash loses at most those seconds of counts, never an article.
 * Each visitor counts at most RATE_PER_MINUTE searches a minute, so a script cannot flood the list.
 */
import { sql } from 'drizzle-orm';
import type { AppDeps } from '../../platform/context.js';
import { fold } from './kb-search-text.js';
import type { KbViewer } from './kb.policy.js';
import { kbSearchStats } from './kb.tables.js';

const FLUSH_AFTER_MS = 2000;
const RATE_PER_MINUTE = 20;
const MAX_PENDING = 1000;
const MAX_VISITORS = 20_000;

interface Pending {
  counts: Map<string, { day: string; query: string; found: boolean; count: number; lastAt: Date }>;
  visitors: Map<string, { minute: number; n: number }>;
  timer: NodeJS.Timeout | null;
}

const state = new WeakMap<AppDeps, Pending>();
const pendingOf = (deps: AppDeps) => {
  let p = state.get(deps);
  if (!p) state.set(deps, (p = { counts: new Map(), visitors: new Map(), timer: null }));
  return p;
};

/** The query as analytics group it: folded to 简体, lower case, spaces collapsed. */
export const normalizeQuery = (q: string) => fold(q).toLowerCase().replace(/\s+/g, ' ').trim().slice(0, 200);

export function recordSearch(deps: AppDeps, viewer: KbViewer, q: string, found: boolean) {
  const query = normalizeQuery(q);
  if (!query) return;
  const p = pendingOf(deps);
  const now = deps.clock.now();
  const minute = Math.floor(now.getTime() / 60_000);
  const v = p.visitors.get(viewer.visitor);
  if (v && v.minute === minute) {
    if (v.n >= RATE_PER_MINUTE) return;
    v.n++;
  } else {
    if (p.visitors.size >= MAX_VISITORS) p.visitors.clear();
    p.visitors.set(viewer.visitor, { minute, n: 1 });
  }
  const day = now.toISOString().slice(0, 10);
  const key = `${day}\u0001${found ? 1 : 0}\u0001${query}`;
  const entry = p.counts.get(key);
  if (entry) {
    entry.count++;
    entry.lastAt = now;
  } else p.counts.set(key, { day, query, found, count: 1, lastAt: now });
  if (p.counts.size >= MAX_PENDING) void flushSearchStats(deps);
  else if (!p.timer) {
    p.timer = setTimeout(() => void flushSearchStats(deps), FLUSH_AFTER_MS);
    p.timer.unref();
  }
}

/** Writes the gathered counts; safe to call at any time (analytics call it before reading). */
export async function flushSearchStats(deps: AppDeps) {
  const p = pendingOf(deps);
  if (p.timer) clearTimeout(p.timer);
  p.timer = null;
  if (p.counts.size === 0) return;
  const rows = [...p.counts.values()];
  p.counts.clear();
  try {
    await deps.db.insert(kbSearchStats).values(rows).onConflictDoUpdate({
      target: [kbSearchStats.day, kbSearchStats.query, kbSearchStats.found],
      set: { count: sql`${kbSearchStats.count} + excluded.count`, lastAt: sql`greatest(${kbSearchStats.lastAt}, excluded.last_at)` },
    });
  } catch (err) {
    deps.log.warn({ err }, 'could not record knowledge-base search counts');
  }
}
