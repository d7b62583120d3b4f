import { describe, expect, it } from 'vitest';
import { idSchema } from '@kefu/contracts';
import { randomSecret, sha256, uuidv7 } from './ids.js';

const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
/** The 48-bit Unix-millisecond timestamp at the front of a UUIDv7. */
const msOf = (id: string) => parseInt(id.replace(/-/g, '').slice(0, 12), 16);

/** Each id in `ids` sorts strictly after the one before it. */
function expectStrictlyAscending(ids: string[]) {
  for (let i = 1; i < ids.length; i++) {
    if (!(ids[i - 1]! < ids[i]!)) throw new Error(`id ${i} (${ids[i]}) does not sort after id ${i - 1} (${ids[i - 1]})`);
  }
}

describe('uuidv7', () => {
  it('is an RFC 9562 version 7 UUID that the API accepts as an id', () => {
    for (let i = 0; i < 1000; i++) {
      const id = uuidv7();
      expect(id).toMatch(V7);
      expect(idSchema.safeParse(id).success).toBe(true);
    }
  });

  it('carries the given time in its first 48 bits', () => {
    const at = Date.UTC(2031, 4, 6, 7, 8, 9, 123);
    const id = uuidv7(at);
    expect(msOf(id)).toBe(at);
    expect(msOf(uuidv7(at + 1000))).toBe(at + 1000);
  });

  it('stays monotonic within one millisecond, even past the 4096 ids its counter holds', () => {
    const at = Date.UTC(2032, 0, 1);
    const ids = Array.from({ length: 10_000 }, () => uuidv7(at));
    expect(new Set(ids).size).toBe(ids.length);
    expectStrictlyAscending(ids);
    for (const id of ids) expect(id).toMatch(V7);
    // Overflowing the counter borrows from the next milliseconds, never from the past.
    expect(msOf(ids[0]!)).toBe(at);
    expect(msOf(ids.at(-1)!)).toBeGreaterThan(at);
    expect(msOf(ids.at(-1)!)).toBeLessThan(at + 10);
  });

  it('stays monotonic across calls and when the clock steps backwards', () => {
    const base = Date.UTC(2033, 0, 1);
    const ids = [uuidv7(base), uuidv7(base + 5), uuidv7(base + 5), uuidv7(base + 1), uuidv7(base - 60_000), uuidv7(base + 6), uuidv7()];
    expectStrictlyAscending(ids);
    expect(ids.map(msOf).slice(0, 6)).toEqual([base, base + 5, base + 5, base + 5, base + 5, base + 6]);
  });

  it('sorts as text in the order it was made, so ids double as time-ordered cursors', () => {
    const made: string[] = [];
    let at = Date.UTC(2034, 0, 1);
    for (let i = 0; i < 500; i++) {
      at += i % 7 === 0 ? 1 : 0;
      made.push(uuidv7(at));
    }
    expect([...made].sort()).toEqual(made);
    expect([...made].reverse().sort()).toEqual(made);
  });
});

describe('secrets', () => {
  it('makes URL-safe random secrets of the requested strength', () => {
    const a = randomSecret();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomSecret(12)).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(new Set(Array.from({ length: 1000 }, () => randomSecret())).size).toBe(1000);
  });

  it('hashes with SHA-256 as lowercase hex', () => {
    expect(sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256('客服')).toMatch(/^[0-9a-f]{64}$/);
  });
});
