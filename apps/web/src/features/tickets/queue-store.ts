/**
 * The ticket ids of the queue the agent last looked at, in order, so `j`/`k` on a ticket page
 * walk through that queue. Kept in sessionStorage: a reload keeps the walk, another tab has its own.
 */
const KEY = 'kefu.queue.ids';
const QUERY_KEY = 'kefu.queue.search';

let ids: string[] | null = null;

function load(): string[] {
  if (ids) return ids;
  try {
    const parsed: unknown = JSON.parse(sessionStorage.getItem(KEY) ?? '[]');
    ids = Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    ids = [];
  }
  return ids;
}

export function rememberQueue(next: string[], search: string) {
  ids = next;
  try {
    sessionStorage.setItem(KEY, JSON.stringify(next));
    sessionStorage.setItem(QUERY_KEY, search);
  } catch {
    // Storage full or disabled: the walk lasts for this page only.
  }
}

/** The queue's URL search string, so "back to the queue" returns to the same view. */
export function lastQueueSearch(): string {
  try {
    return sessionStorage.getItem(QUERY_KEY) ?? '';
  } catch {
    return '';
  }
}

/** The id `step` places away from `current` in the last queue, if there is one. */
export function neighbour(current: string, step: 1 | -1): string | undefined {
  const list = load();
  const at = list.indexOf(current);
  if (at < 0) return undefined;
  return list[at + step];
}
