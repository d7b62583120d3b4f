/**
 * Stores `key` in a Map used as a bounded in-process cache: when it is full, the oldest entry goes
 * first (a Map iterates in insertion order; a caller that moves a hit to the end makes it LRU).
 */
export function setBounded<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  if (!map.has(key) && map.size >= max) map.delete(map.keys().next().value as K);
  map.set(key, value);
}
