import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { assertSha256, BlobNotFoundError, type BlobStore, type PutOptions, type StoredBlob } from './blob-store.js';
import { HashAndCap } from './hash-and-cap.js';
import { discard, errorOf, S3Client, type S3ClientOptions, type S3Settings } from './s3-client.js';

export interface S3BlobStoreSettings extends S3Settings {
  /** A folder inside the bucket (`kefu/`), so one bucket can hold several installs or other data. */
  readonly prefix?: string;
}

export interface S3BlobStoreOptions extends S3ClientOptions {
  /** Where an upload is spooled before it is sent; default the system temp folder. */
  readonly tmpDir?: string;
}

/** `kefu`, `/kefu/`, `kefu//` all mean the folder `kefu/`; empty means the bucket's root. */
export const normalizePrefix = (prefix = '') => {
  const trimmed = prefix.replace(/^\/+|\/+$/g, '');
  return trimmed ? `${trimmed}/` : '';
};

/**
 * Blobs as objects `<prefix><sha256>` in an S3-compatible bucket.
 *
 * An upload is first spooled to a local temp file while it is hashed and capped: S3 wants the
 * length before the first byte and the key is the hash of the last one. The file is then sent in
 * one PUT signed with its SHA-256, which the service checks against the bytes it received. A PUT
 * becomes visible only once complete, so a failed, aborted or oversized upload never leaves an
 * object under a hash, and the spool file is always removed.
 */
export class S3BlobStore implements BlobStore {
  readonly client: S3Client;
  readonly prefix: string;
  private readonly tmpDir: string;

  constructor(settings: S3BlobStoreSettings, options: S3BlobStoreOptions = {}) {
    this.client = new S3Client(settings, options);
    this.prefix = normalizePrefix(settings.prefix);
    this.tmpDir = options.tmpDir ?? os.tmpdir();
  }

  keyOf(sha256: string): string {
    assertSha256(sha256);
    return `${this.prefix}${sha256}`;
  }

  async put(source: Readable | Buffer, { maxBytes }: PutOptions): Promise<StoredBlob> {
    await fsp.mkdir(this.tmpDir, { recursive: true });
    const spool = path.join(this.tmpDir, `kefu-upload-${Date.now()}-${randomBytes(8).toString('hex')}`);
    const counter = new HashAndCap(maxBytes);
    const input = Buffer.isBuffer(source) ? Readable.from([source]) : source;
    try {
      await pipeline(input, counter, fs.createWriteStream(spool, { flags: 'wx', mode: 0o600 }));
      const sha256 = counter.hash.digest('hex');
      // Identical content is already there: two racing uploads of it both PUT the same bytes.
      if (!(await this.has(sha256))) {
        const res = await this.client.expect({
          method: 'PUT',
          key: this.keyOf(sha256),
          headers: { 'content-length': String(counter.size), 'content-type': 'application/octet-stream' },
          body: fs.createReadStream(spool),
          payloadHash: sha256,
        }, [200]);
        await discard(res);
      }
      return { sha256, size: counter.size };
    } finally {
      await fsp.rm(spool, { force: true });
    }
  }

  async get(sha256: string): Promise<Readable> {
    const res = await this.client.send({ method: 'GET', key: this.keyOf(sha256) });
    if (res.statusCode === 200) return res;
    if (res.statusCode === 404) {
      await discard(res);
      throw new BlobNotFoundError(sha256);
    }
    throw await errorOf(res);
  }

  async has(sha256: string): Promise<boolean> {
    const res = await this.client.send({ method: 'HEAD', key: this.keyOf(sha256) });
    if (res.statusCode === 200 || res.statusCode === 404) {
      await discard(res);
      return res.statusCode === 200;
    }
    // A HEAD answer has no body to name the problem (403: wrong keys, or no s3:ListBucket right).
    throw await errorOf(res);
  }

  async delete(sha256: string): Promise<void> {
    await discard(await this.client.expect({ method: 'DELETE', key: this.keyOf(sha256) }, [200, 204, 404]));
  }
}
