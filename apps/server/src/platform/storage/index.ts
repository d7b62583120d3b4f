import path from 'node:path';
import type { Config } from '../../config.js';
import type { BlobStore } from './blob-store.js';
import { LocalDiskBlobStore } from './local-disk-blob-store.js';
import { S3BlobStore } from './s3-blob-store.js';

export * from './blob-store.js';
export { LocalDiskBlobStore } from './local-disk-blob-store.js';
export { S3BlobStore } from './s3-blob-store.js';
export { S3RequestError } from './s3-client.js';

/** The configured blob store: the S3-compatible bucket when KEFU_S3_BUCKET is set, else DATA_DIR/blobs. */
export function openBlobStore(config: Pick<Config, 'dataDir' | 's3'>): BlobStore {
  if (config.s3) return new S3BlobStore(config.s3);
  return new LocalDiskBlobStore(path.join(config.dataDir, 'blobs'));
}
