import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeBlobStore } from './blob-store.behaviour.js';
import { LocalDiskBlobStore } from './local-disk-blob-store.js';

/** Every regular file under root, relative to it, the temp folder included. */
const filesUnder = (root: string): string[] =>
  fs
    .readdirSync(root, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)))
    .sort();

describeBlobStore('LocalDiskBlobStore', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-blobs-'));
  return {
    store: new LocalDiskBlobStore(root),
    written: () => filesUnder(root),
    locationOf: (sha256) => path.join(sha256.slice(0, 2), sha256.slice(2, 4), sha256),
    close: () => fs.rmSync(root, { recursive: true, force: true }),
  };
});

describe('LocalDiskBlobStore', () => {
  it('spreads blobs over two levels of folders named by the first hex digits', () => {
    const store = new LocalDiskBlobStore('/srv/kefu/blobs');
    expect(store.pathOf('ab'.repeat(32))).toBe(path.join('/srv/kefu/blobs', 'ab', 'ab', 'ab'.repeat(32)));
  });
});
