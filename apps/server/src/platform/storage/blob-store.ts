import type { Readable } from 'node:stream';

/** Content addresses are lowercase hex SHA-256; anything else never reaches a path or a key. */
export const SHA256_PATTERN = /^[0-9a-f]{64}$/;
export const isSha256 = (s: string) => SHA256_PATTERN.test(s);

export interface StoredBlob {
  readonly sha256: string;
  readonly size: number;
}

export interface PutOptions {
  /** The most bytes accepted; one more aborts the write and leaves nothing behind. */
  readonly maxBytes: number;
}

/**
 * Immutable bytes stored under their SHA-256, so identical content is kept once. Small on purpose:
 * a local folder today, S3-compatible object storage (key = hash) when configured.
 */
export interface BlobStore {
  put(source: Readable | Buffer, options: PutOptions): Promise<StoredBlob>;
  /** Opens the blob for reading; throws BlobNotFoundError when it is not stored. */
  get(sha256: string): Promise<Readable>;
  has(sha256: string): Promise<boolean>;
  delete(sha256: string): Promise<void>;
}

export class BlobTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`The content is larger than ${maxBytes} bytes`);
  }
}

export class BlobNotFoundError extends Error {
  constructor(readonly sha256: string) {
    super('Blob not found');
  }
}

export class InvalidBlobHashError extends Error {
  constructor() {
    super('A blob hash must be 64 lowercase hex digits');
  }
}

export function assertSha256(sha256: string): void {
  if (typeof sha256 !== 'string' || !isSha256(sha256)) throw new InvalidBlobHashError();
}
