import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3BlobStore } from '../../platform/storage/index.js';
import { createTicket, expectNoStack, expectProblem, ok } from '../../test/factories.js';
import { multipart, type FilePart } from '../../test/multipart.js';
import { startS3Server, type TestS3Server } from '../../test/s3-server.js';
import { createTestApp, PASSWORD, type TestApp } from '../../test/test-app.js';

const HOUR = 3_600_000;
const PREFIX = 'kefu/attachments';
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let s3: TestS3Server;
let t: TestApp;
let bucket: S3BlobStore;
beforeAll(async () => {
  s3 = await startS3Server();
  t = await createTestApp(s3.env(PREFIX));
  bucket = new S3BlobStore({ ...s3.settings, prefix: PREFIX });
});
afterAll(async () => {
  bucket?.client.close();
  await t?.close();
  // Every request the app sent carried a SigV4 signature recomputed and matched on arrival.
  expect(s3.rejected).toEqual([]);
  await s3.close();
});

async function upload(app: TestApp, auth: string, file: FilePart): Promise<LightMyRequestResponse> {
  const { body, headers } = multipart([file]);
  return app.call('POST', '/api/v1/attachments', auth, body, headers);
}
async function uploaded(auth: string, file: FilePart) {
  const res = await upload(t, auth, file);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; filename: string; size: number; contentType: string };
}
const keyOf = (b: Buffer) => `${PREFIX}/${sha(b)}`;

describe('attachments on S3-compatible storage', () => {
  it('uses the bucket, not DATA_DIR, when KEFU_S3_BUCKET is set', () => {
    expect(t.deps.config.s3).toMatchObject({ bucket: 'kefu-test', prefix: PREFIX, endpoint: s3.settings.endpoint });
  });

  it('uploads to the bucket under prefix + SHA-256 and serves the same bytes back', async () => {
    const bytes = randomBytes(2_500_000);
    const a = await uploaded(await t.adminSession(), { filename: 'dump.bin', data: bytes });
    expect(a).toMatchObject({ size: bytes.length, contentType: 'application/octet-stream' });
    expect(s3.objectKeys()).toContain(keyOf(bytes));
    expect(fs.existsSync(path.join(t.deps.config.dataDir, 'blobs'))).toBe(false);
    const res = await t.call('GET', `/api/v1/attachments/${a.id}`, await t.adminSession());
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(bytes)).toBe(true);
    expect(res.headers).toMatchObject({ 'content-length': String(bytes.length), etag: `"${sha(bytes)}"`, 'x-content-type-options': 'nosniff' });
  });

  it('keeps identical uploads as one object and serves a Chinese file name to the customer once attached', async () => {
    const customer = await t.customerUser();
    const pdf = Buffer.from(`%PDF-1.7\n发票 ${randomBytes(8).toString('hex')}\n%%EOF`);
    const before = s3.objectKeys().length;
    const first = await uploaded(customer.cookie, { filename: '发票-2026年11月.pdf', data: pdf });
    const second = await uploaded(await t.adminSession(), { filename: 'copy.pdf', data: pdf });
    expect(first.id).not.toBe(second.id);
    expect(s3.objectKeys().length).toBe(before + 1);
    const ticket = await createTicket(t, { requesterId: customer.customerId });
    await ok(t, 201, 'POST', `/api/v1/tickets/${ticket.id}/messages`, customer.cookie, { body: '发票在附件', attachmentIds: [first.id] });
    const res = await t.call('GET', `/api/v1/attachments/${first.id}`, customer.cookie);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(decodeURIComponent(/filename\*=UTF-8''(\S+)/.exec(res.headers['content-disposition'] ?? '')?.[1] ?? '')).toBe('发票-2026年11月.pdf');
    expect(res.rawPayload.equals(pdf)).toBe(true);
    expectProblem(await t.call('GET', `/api/v1/attachments/${first.id}`, (await t.customerUser()).cookie), 404, 'not_found');
  });

  it('answers 413 above the limit and leaves nothing in the bucket, yet takes exactly the limit', async () => {
    const small = await createTestApp({ ...s3.env(PREFIX), KEFU_ATTACHMENT_MAX_MB: '1' }, { database: t.database });
    try {
      const cookie = await small.adminSession();
      const before = s3.objectKeys();
      expectProblem(await upload(small, cookie, { filename: 'huge.bin', data: randomBytes(1_500_000) }), 413, 'payload_too_large', 'file');
      expectProblem(await upload(small, cookie, { filename: 'one-more.bin', data: randomBytes(1024 * 1024 + 1) }), 413, 'payload_too_large', 'file');
      expect(s3.objectKeys()).toEqual(before);
      const exact = randomBytes(1024 * 1024);
      expect((await upload(small, cookie, { filename: 'exact.bin', data: exact })).statusCode).toBe(201);
      expect(s3.objectKeys()).toEqual([...before, keyOf(exact)].sort());
    } finally {
      await small.app.close();
    }
  });

  it('answers 404, not 500, when the object has gone from the bucket', async () => {
    const bytes = randomBytes(100);
    const a = await uploaded(await t.adminSession(), { filename: 'lost.bin', data: bytes });
    await bucket.delete(sha(bytes));
    const res = await t.call('GET', `/api/v1/attachments/${a.id}`, await t.adminSession());
    expectProblem(res, 404, 'not_found');
    expectNoStack(res);
  });

  it('deletes stale unattached uploads from the bucket, keeping objects still in use', async () => {
    const customer = await t.customerUser();
    const lonely = randomBytes(900);
    const shared = randomBytes(800);
    await uploaded(await t.adminSession(), { filename: 'abandoned.bin', data: lonely });
    await uploaded(await t.adminSession(), { filename: 'abandoned-copy.bin', data: shared });
    const kept = await uploaded(customer.cookie, { filename: 'kept.bin', data: shared });
    const ticket = await createTicket(t, { requesterId: customer.customerId });
    await ok(t, 201, 'POST', `/api/v1/tickets/${ticket.id}/messages`, customer.cookie, { body: '见附件', attachmentIds: [kept.id] });
    expect(s3.objectKeys()).toEqual(expect.arrayContaining([keyOf(lonely), keyOf(shared)]));

    t.clock.advance(25 * HOUR);
    await t.deps.jobs.runDue();
    expect(s3.objectKeys()).not.toContain(keyOf(lonely));
    expect(s3.objectKeys()).toContain(keyOf(shared));
    const res = await t.call('GET', `/api/v1/attachments/${kept.id}`, await t.session(customer.email, PASSWORD));
    expect(res.rawPayload.equals(shared)).toBe(true);
  });
});
