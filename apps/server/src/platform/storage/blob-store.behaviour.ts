/*
 * What every BlobStore must do, run against each implementation by its own test file
 * (local-disk-blob-store.test.ts, s3-blob-store.test.ts), so they cannot drift apart.
 */
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BlobNotFoundError, BlobTooLargeError, InvalidBlobHashError, type BlobStore } from './blob-store.js';

export interface BlobStoreHarness {
  readonly store: BlobStore;
  /** Everything the store left anywhere (stored blobs, spool or temp files), as sorted locations. */
  written(): string[];
  /** The location a blob with this hash is stored at. */
  locationOf(sha256: string): string;
  close(): Promise<void> | void;
}

export const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

export const read = async (r: Readable) => {
  const chunks: Buffer[] = [];
  for await (const c of r) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
};

export const chunked = (total: number, size = 64 * 1024) =>
  Readable.from((function* () {
    for (let sent = 0; sent < total; sent += size) yield Buffer.alloc(Math.min(size, total - sent), 0x61);
  })());

export function describeBlobStore(name: string, open: () => Promise<BlobStoreHarness>) {
  describe(`${name}: BlobStore behaviour`, () => {
    let h: BlobStoreHarness;
    let store: BlobStore;
    beforeEach(async () => {
      h = await open();
      store = h.store;
    });
    afterEach(() => h.close());

    it('stores a stream under its SHA-256 and reads the same bytes back', async () => {
      const bytes = Buffer.from('发票 2026年11月 — invoice\n'.repeat(1000));
      const stored = await store.put(Readable.from([bytes.subarray(0, 100), bytes.subarray(100)]), { maxBytes: 1_000_000 });
      expect(stored).toEqual({ sha256: sha(bytes), size: bytes.length });
      expect(h.written()).toEqual([h.locationOf(stored.sha256)]);
      expect(await read(await store.get(stored.sha256))).toEqual(bytes);
      expect(await store.has(stored.sha256)).toBe(true);
    });

    it('streams a blob of several megabytes both ways unchanged', async () => {
      const bytes = randomBytes(3 * 1024 * 1024 + 17);
      const stored = await store.put(Readable.from((function* () {
        for (let at = 0; at < bytes.length; at += 100_000) yield bytes.subarray(at, at + 100_000);
      })()), { maxBytes: bytes.length });
      expect(stored).toEqual({ sha256: sha(bytes), size: bytes.length });
      const back = await read(await store.get(stored.sha256));
      expect(back.length).toBe(bytes.length);
      expect(sha(back)).toBe(stored.sha256);
    });

    it('keeps identical content once', async () => {
      const bytes = Buffer.from('same bytes');
      const a = await store.put(bytes, { maxBytes: 100 });
      const b = await store.put(Readable.from([bytes]), { maxBytes: 100 });
      expect(b).toEqual(a);
      expect(h.written()).toHaveLength(1);
      const c = await store.put(Buffer.from('other bytes'), { maxBytes: 100 });
      expect(c.sha256).not.toBe(a.sha256);
      expect(h.written()).toEqual([h.locationOf(a.sha256), h.locationOf(c.sha256)].sort());
    });

    it('stores an empty blob', async () => {
      const stored = await store.put(Buffer.alloc(0), { maxBytes: 10 });
      expect(stored).toEqual({ sha256: sha(Buffer.alloc(0)), size: 0 });
      expect(await read(await store.get(stored.sha256))).toHaveLength(0);
    });

    it('accepts exactly the cap and refuses one byte more, leaving nothing behind', async () => {
      expect((await store.put(chunked(1000, 300), { maxBytes: 1000 })).size).toBe(1000);
      const before = h.written();
      await expect(store.put(chunked(1001, 300), { maxBytes: 1000 })).rejects.toBeInstanceOf(BlobTooLargeError);
      expect(h.written()).toEqual(before);
      expect(await store.has(sha(Buffer.alloc(1001, 0x61)))).toBe(false);
    });

    it('stops reading an oversized stream early instead of consuming it all', async () => {
      let produced = 0;
      const endless = new Readable({
        read() {
          produced += 65536;
          this.push(Buffer.alloc(65536, 1));
        },
      });
      await expect(store.put(endless, { maxBytes: 200_000 })).rejects.toBeInstanceOf(BlobTooLargeError);
      expect(produced).toBeLessThan(2_000_000);
      expect(endless.destroyed).toBe(true);
      expect(h.written()).toEqual([]);
    });

    it('leaves nothing behind when the source fails midway (an aborted upload)', async () => {
      const failing = Readable.from((async function* () {
        yield Buffer.alloc(50_000, 2);
        throw new Error('client went away');
      })());
      await expect(store.put(failing, { maxBytes: 1_000_000 })).rejects.toThrow('client went away');
      expect(h.written()).toEqual([]);
      expect(await store.has(sha(Buffer.alloc(50_000, 2)))).toBe(false);
    });

    it('never builds a path or key from anything but 64 lowercase hex digits', async () => {
      for (const bad of ['../../etc/passwd', `${'a'.repeat(63)}/`, 'A'.repeat(64), `${'a'.repeat(64)}\0`, `../${'a'.repeat(61)}`, '', `${'a'.repeat(64)}/../x`, `${'a'.repeat(64)}?acl`]) {
        await expect(store.get(bad)).rejects.toBeInstanceOf(InvalidBlobHashError);
        await expect(store.has(bad)).rejects.toBeInstanceOf(InvalidBlobHashError);
        await expect(store.delete(bad)).rejects.toBeInstanceOf(InvalidBlobHashError);
      }
    });

    it('reports a blob that is not stored, and deletes one that is', async () => {
      const missing = 'f'.repeat(64);
      await expect(store.get(missing)).rejects.toBeInstanceOf(BlobNotFoundError);
      expect(await store.has(missing)).toBe(false);
      await store.delete(missing);
      const { sha256 } = await store.put(Buffer.from('to delete'), { maxBytes: 100 });
      const kept = await store.put(Buffer.from('to keep'), { maxBytes: 100 });
      await store.delete(sha256);
      expect(await store.has(sha256)).toBe(false);
      await expect(store.get(sha256)).rejects.toBeInstanceOf(BlobNotFoundError);
      expect(h.written()).toEqual([h.locationOf(kept.sha256)]);
    });
  });
}
