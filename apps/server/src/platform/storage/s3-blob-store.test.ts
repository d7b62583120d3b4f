import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startS3Server, type TestS3Server } from '../../test/s3-server.js';
import { BlobTooLargeError } from './blob-store.js';
import { chunked, describeBlobStore, read, sha } from './blob-store.behaviour.js';
import { S3BlobStore, normalizePrefix } from './s3-blob-store.js';
import { S3Client, S3RequestError } from './s3-client.js';

let s3: TestS3Server;
beforeAll(async () => {
  s3 = await startS3Server();
});
/** Refusals a test provoked on purpose; any other means a request was signed over the wrong bytes. */
let provokedRejections = 0;
afterAll(async () => {
  expect(s3.rejected.slice(provokedRejections)).toEqual([]);
  await s3.close();
});

const spoolFiles = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).map((f) => `spool:${f}`) : []);
let buckets = 0;

/** A fresh bucket and spool folder per test, so each sees only what it wrote. */
async function harness(prefix: string) {
  const bucket = `behaviour-${++buckets}`;
  await s3.createBucket(bucket);
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-spool-'));
  const store = new S3BlobStore({ ...s3.settings, bucket, prefix }, { tmpDir });
  return {
    store,
    written: () => [...s3.objectKeys(bucket), ...spoolFiles(tmpDir)].sort(),
    locationOf: (sha256: string) => `${normalizePrefix(prefix)}${sha256}`,
    close: () => {
      store.client.close();
      fs.rmSync(tmpDir, { recursive: true, force: true });
    },
  };
}

describeBlobStore('S3BlobStore (prefix kefu/attachments)', () => harness('kefu/attachments'));
describeBlobStore('S3BlobStore (bucket root)', () => harness(''));

describe('S3BlobStore against s3rver', () => {
  const tmpDirs: string[] = [];
  const spool = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-spool-'));
    tmpDirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const d of tmpDirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  it('puts each blob once, path-style, under prefix + hash, signed with its real SHA-256', async () => {
    const store = new S3BlobStore({ ...s3.settings, prefix: '/tenant-a/' }, { tmpDir: spool() });
    const bytes = Buffer.from('投诉材料：破损照片与发票');
    const from = s3.seen.length;
    const stored = await store.put(bytes, { maxBytes: 1000 });
    await store.put(bytes, { maxBytes: 1000 });
    const requests = s3.seen.slice(from).map((r) => `${r.method} ${r.url}`);
    expect(requests).toEqual([
      `HEAD /kefu-test/tenant-a/${stored.sha256}`,
      `PUT /kefu-test/tenant-a/${stored.sha256}`,
      `HEAD /kefu-test/tenant-a/${stored.sha256}`,
    ]);
    const put = s3.seen[from + 1]!;
    expect(put.headers['x-amz-content-sha256']).toBe(sha(bytes));
    expect(put.headers['content-length']).toBe(String(bytes.length));
    expect(put.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=S3RVER\/\d{8}\/us-east-1\/s3\/aws4_request,SignedHeaders=[a-z0-9;-]*host[a-z0-9;-]*,Signature=[0-9a-f]{64}$/);
    expect(s3.objectKeys()).toContain(`tenant-a/${stored.sha256}`);
    expect(await read(await store.get(stored.sha256))).toEqual(bytes);
    store.client.close();
  });

  it('is refused when its secret is wrong, and the refusal names the S3 error', async () => {
    expect(s3.rejected).toEqual([]);
    const store = new S3BlobStore({ ...s3.settings, secretAccessKey: 'not-the-secret' }, { tmpDir: spool() });
    const err = await store.get('a'.repeat(64)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(S3RequestError);
    expect(err).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
    expect(s3.rejected).toHaveLength(1);
    expect(s3.rejected[0]).toMatch(/^signature does not match/);
    provokedRejections = 1;
    store.client.close();
  });

  it('fails an upload to a bucket that does not exist and keeps no spool file', async () => {
    const tmpDir = spool();
    const store = new S3BlobStore({ ...s3.settings, bucket: 'no-such-bucket' }, { tmpDir });
    const err = await store.put(Buffer.from('x'), { maxBytes: 10 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(S3RequestError);
    expect((err as S3RequestError).status).toBe(404);
    expect(fs.readdirSync(tmpDir)).toEqual([]);
    await expect(store.put(chunked(11, 4), { maxBytes: 10 })).rejects.toBeInstanceOf(BlobTooLargeError);
    expect(fs.readdirSync(tmpDir)).toEqual([]);
    store.client.close();
  });

  it('fails, instead of hanging, when the server stops answering', async () => {
    const silent = http.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = silent.address() as AddressInfo;
      const store = new S3BlobStore({ ...s3.settings, endpoint: `http://127.0.0.1:${port}` }, { tmpDir: spool(), timeoutMs: 150 });
      await expect(store.has('a'.repeat(64))).rejects.toThrow(/no answer within 150 ms/);
      store.client.close();
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});

describe('S3 paths and prefixes', () => {
  it('keeps an endpoint path (a proxy mount) and encodes bucket and key segments', () => {
    const client = new S3Client({ ...s3.settings, endpoint: 'https://storage.example.com/s3/', bucket: 'kefu.files' });
    expect(client.pathOf('a b/附件')).toBe('/s3/kefu.files/a%20b/%E9%99%84%E4%BB%B6');
    expect(client.pathOf()).toBe('/s3/kefu.files');
    client.close();
  });

  it('normalizes the prefix to a folder', () => {
    expect(normalizePrefix('')).toBe('');
    expect(normalizePrefix('/')).toBe('');
    expect(normalizePrefix('kefu')).toBe('kefu/');
    expect(normalizePrefix('/kefu/blobs//')).toBe('kefu/blobs/');
  });

  it('refuses an endpoint that is not http(s)', () => {
    expect(() => new S3Client({ ...s3.settings, endpoint: 'ftp://example.com' })).toThrow(/http/);
  });
});
