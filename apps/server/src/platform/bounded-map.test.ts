import { describe, expect, it } from 'vitest';
import { setBounded } from './bounded-map.js';

describe('setBounded', () => {
  it('drops the oldest entry when full, and none when a present key is replaced', () => {
    const m = new Map<string, number>();
    for (const [k, v] of [['a', 1], ['b', 2], ['c', 3]] as const) setBounded(m, k, v, 3);
    setBounded(m, 'b', 20, 3);
    expect([...m]).toEqual([['a', 1], ['b', 20], ['c', 3]]);
    setBounded(m, 'd', 4, 3);
    expect([...m.keys()]).toEqual(['b', 'c', 'd']);
  });
});
