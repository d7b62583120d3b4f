import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BlobNotFoundError, BlobTooLargeError, InvalidBlobHashError } from './blob-store.js';
import { LocalDiskBlobStore } from './local-disk-blob-store.js';

let root: string;
let store: LocalDiskBlobStore;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-blobs-'));
  store = new LocalDiskBlobStore(root);
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const read = async (r: Readable) => {
  const chunks: Buffer[] = [];
  for await (const c of r) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
};
/** Every regular file under root, relative to it. */
const filesUnder = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile()).map((e) => path.relative(root, path.join(e.parentPath, e.name)));
const chunked = (total: number, size = 64 * 1024) =>
  Readable.from((function* () {
    for (let sent = 0; sent < total; sent += size) yield Buffer.alloc(Math.min(size, total - sent), 0x61);
  })());

describe('LocalDiskBlobStore', () => {
  it('stores a stream under its SHA-256 in ab/cd/<hash> and reads the same bytes back', async () => {
    const bytes = Buffer.from('发票 2026年11月 — invoice\n'.repeat(1000));
    const stored = await store.put(Readable.from([bytes.subarray(0, 100), bytes.subarray(100)]), { maxBytes: 1_000_000 });
    expect(stored).toEqual({ sha256: sha(bytes), size: bytes.length });
    expect(filesUnder(root)).toEqual([path.join(stored.sha256.slice(0, 2), stored.sha256.slice(2, 4), stored.sha256)]);
    expect(await read(await store.get(stored.sha256))).toEqual(bytes);
    expect(await store.has(stored.sha256)).toBe(true);
  });

  it('keeps identical content once', async () => {
    const bytes = Buffer.from('same bytes');
    const a = await store.put(bytes, { maxBytes: 100 });
    const b = await store.put(Readable.from([bytes]), { maxBytes: 100 });
    expect(b).toEqual(a);
    expect(filesUnder(root)).toHaveLength(1);
    const c = await store.put(Buffer.from('other bytes'), { maxBytes: 100 });
    expect(c.sha256).not.toBe(a.sha256);
    expect(filesUnder(root)).toHaveLength(2);
  });

  it('stores an empty blob', async () => {
    const stored = await store.put(Buffer.alloc(0), { maxBytes: 10 });
    expect(stored).toEqual({ sha256: sha(Buffer.alloc(0)), size: 0 });
    expect(await read(await store.get(stored.sha256))).toHaveLength(0);
  });

  it('accepts exactly the cap and refuses one byte more, leaving no file behind', async () => {
    expect((await store.put(chunked(1000, 300), { maxBytes: 1000 })).size).toBe(1000);
    const before = filesUnder(root);
    await expect(store.put(chunked(1001, 300), { maxBytes: 1000 })).rejects.toBeInstanceOf(BlobTooLargeError);
    expect(filesUnder(root)).toEqual(before);
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
    expect(filesUnder(root)).toEqual([]);
  });

  it('leaves nothing behind when the source fails midway (an aborted upload)', async () => {
    const failing = Readable.from((async function* () {
      yield Buffer.alloc(50_000, 2);
      throw new Error('client went away');
    })());
    await expect(store.put(failing, { maxBytes: 1_000_000 })).rejects.toThrow('client went away');
    expect(filesUnder(root)).toEqual([]);
    expect(await store.has(sha(Buffer.alloc(50_000, 2)))).toBe(false);
  });

  it('never builds a path from anything but 64 lowercase hex digits', async () => {
    for (const bad of ['../../etc/passwd', `${'a'.repeat(63)}/`, 'A'.repeat(64), `${'a'.repeat(64)}\0`, `../${'a'.repeat(61)}`, '', `${'a'.repeat(64)}/../x`]) {
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
    await store.delete(sha256);
    expect(await store.has(sha256)).toBe(false);
  });
});
