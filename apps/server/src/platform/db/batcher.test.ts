import { describe, expect, it } from 'vitest';
import { createBatcher } from './batcher.js';

const key = {};

describe('createBatcher', () => {
  it('sends the items of one turn together, in order, and a later turn on its own', async () => {
    const batches: number[][] = [];
    const double = createBatcher(async (_k: object, items: number[]) => {
      batches.push(items);
      return items.map((n) => n * 2);
    });
    expect(await Promise.all([1, 2, 3].map((n) => double(key, n)))).toEqual([2, 4, 6]);
    expect(await double(key, 4)).toBe(8);
    expect(batches).toEqual([[1, 2, 3], [4]]);
  });

  it('never lets a batch grow past its size', async () => {
    const sizes: number[] = [];
    const echo = createBatcher(async (_k: object, items: number[]) => {
      sizes.push(items.length);
      return items;
    }, 4);
    const all = Array.from({ length: 10 }, (_, i) => i);
    expect(await Promise.all(all.map((n) => echo(key, n)))).toEqual(all);
    expect(sizes).toEqual([4, 4, 2]);
  });

  it('keeps the batches of different keys apart', async () => {
    const seen: Array<[object, number[]]> = [];
    const echo = createBatcher(async (k: object, items: number[]) => {
      seen.push([k, items]);
      return items;
    });
    const a = {};
    const b = {};
    await Promise.all([echo(a, 1), echo(b, 2), echo(a, 3)]);
    expect(seen).toEqual([[a, [1, 3]], [b, [2]]]);
  });

  it('when a batch fails, retries each item alone so only the culprit sees the error', async () => {
    const calls: number[][] = [];
    const picky = createBatcher(async (_k: object, items: number[]) => {
      calls.push(items);
      if (items.includes(13)) throw new Error('unlucky');
      return items;
    });
    const results = await Promise.allSettled([1, 13, 3].map((n) => picky(key, n)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason.message).toBe('unlucky');
    expect(calls).toEqual([[1, 13, 3], [1], [13], [3]]);
  });
});
