import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { assertSha256, BlobNotFoundError, type BlobStore, type PutOptions, type StoredBlob } from './blob-store.js';
import { HashAndCap } from './hash-and-cap.js';

async function fsyncDir(dir: string) {
  // Makes the rename itself durable; some platforms cannot open a directory, which costs only durability.
  const handle = await fsp.open(dir, 'r').catch(() => undefined);
  try {
    await handle?.sync();
  } catch {
    // See above.
  } finally {
    await handle?.close();
  }
}

/**
 * Blobs under `root/ab/cd/<sha256>`. A write goes to `root/.tmp` (same file system), is fsynced and
 * then renamed into place, so a reader never sees a half-written blob and a failed or oversized
 * upload leaves nothing behind.
 */
export class LocalDiskBlobStore implements BlobStore {
  private readonly tmpDir: string;

  constructor(private readonly root: string) {
    this.tmpDir = path.join(root, '.tmp');
  }

  pathOf(sha256: string): string {
    assertSha256(sha256);
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(source: Readable | Buffer, { maxBytes }: PutOptions): Promise<StoredBlob> {
    await fsp.mkdir(this.tmpDir, { recursive: true });
    const tmp = path.join(this.tmpDir, `${Date.now()}-${randomBytes(8).toString('hex')}`);
    const counter = new HashAndCap(maxBytes);
    const input = Buffer.isBuffer(source) ? Readable.from([source]) : source;
    try {
      const out = fs.createWriteStream(tmp, { flags: 'wx' });
      await pipeline(input, counter, out);
      const handle = await fsp.open(tmp, 'r+');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
      const sha256 = counter.hash.digest('hex');
      const final = this.pathOf(sha256);
      if (await this.has(sha256)) {
        await fsp.rm(tmp, { force: true });
      } else {
        await fsp.mkdir(path.dirname(final), { recursive: true });
        // Two identical uploads may race here; both renames put the same bytes in place.
        await fsp.rename(tmp, final);
        await fsyncDir(path.dirname(final));
      }
      return { sha256, size: counter.size };
    } catch (err) {
      await fsp.rm(tmp, { force: true });
      throw err;
    }
  }

  async get(sha256: string): Promise<Readable> {
    const file = this.pathOf(sha256);
    // Open before answering, so a missing blob is known before any header is sent.
    const handle = await fsp.open(file, 'r').catch((err: NodeJS.ErrnoException) => {
      throw err.code === 'ENOENT' ? new BlobNotFoundError(sha256) : err;
    });
    return handle.createReadStream({ autoClose: true });
  }

  async has(sha256: string): Promise<boolean> {
    try {
      return (await fsp.stat(this.pathOf(sha256))).isFile();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw err;
    }
  }

  async delete(sha256: string): Promise<void> {
    await fsp.rm(this.pathOf(sha256), { force: true });
  }
}
