import path from 'node:path';
import type { Config } from '../../config.js';
import type { BlobStore } from './blob-store.js';
import { LocalDiskBlobStore } from './local-disk-blob-store.js';

export * from './blob-store.js';
export { LocalDiskBlobStore } from './local-disk-blob-store.js';

/** The configured blob store: the data folder today; S3-compatible storage plugs in here later. */
export function openBlobStore(config: Pick<Config, 'dataDir'>): BlobStore {
  return new LocalDiskBlobStore(path.join(config.dataDir, 'blobs'));
}
