import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../platform/http/app-error.js';
import { openBlobStore, type BlobStore } from '../../platform/storage/index.js';
import { createTestApp, PASSWORD, type TestApp } from '../../test/test-app.js';
import { createTicket, expectProblem, ok } from '../../test/factories.js';
import { multipart } from '../../test/multipart.js';
import type { RequestContext } from '../auth/index.js';
import { recordUpload, storeUpload } from './attachments.service.js';
import { deleteStaleUploads } from './index.js';

const HOUR = 3_600_000;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let t: TestApp;
let blobs: BlobStore;
beforeAll(async () => {
  t = await createTestApp();
  blobs = openBlobStore(t.deps.config);
});
afterAll(() => t.close());

/** Signed in afresh when the clock has moved past the last session's expiry. */
const admin = () => t.adminSession();

async function upload(auth: string, data: Buffer, filename = 'file.bin') {
  const { body, headers } = multipart([{ filename, data }]);
  const res = await t.call('POST', '/api/v1/attachments', auth, body, headers);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string };
}
const exists = async (id: string) =>
  Number((await t.database.db.execute<{ n: string }>(`select count(*) as n from attachments where id = '${id}'`)).rows[0]!.n) === 1;
/** Runs every job and sweep that is due, as a worker would. */
const runDue = () => t.deps.jobs.runDue();

describe('stale upload clean-up', () => {
  it('deletes an upload never attached, with its blob, once it is KEFU_UPLOAD_TTL_HOURS old and not before', async () => {
    expect(t.deps.config.uploadTtlHours).toBe(24);
    const bytes = randomBytes(2000);
    const { id } = await upload(await admin(), bytes);
    t.clock.advance(24 * HOUR - 60_000);
    await runDue();
    expect(await exists(id)).toBe(true);
    expect(await blobs.has(sha(bytes))).toBe(true);
    expect((await t.call('GET', `/api/v1/attachments/${id}`, await admin())).statusCode).toBe(200);

    t.clock.advance(2 * 60_000);
    await runDue();
    expect(await exists(id)).toBe(false);
    expect(await blobs.has(sha(bytes))).toBe(false);
    expectProblem(await t.call('GET', `/api/v1/attachments/${id}`, await admin()), 404, 'not_found');
  });

  it('never deletes a blob another upload or an attached file still uses', async () => {
    const customer = await t.customerUser();
    const shared = randomBytes(3000);
    const early = await upload(customer.cookie, shared, 'early.bin');
    t.clock.advance(12 * HOUR);
    const attached = await upload(customer.cookie, shared, 'attached.bin');
    const ticket = await createTicket(t, { requesterId: customer.customerId });
    await ok(t, 201, 'POST', `/api/v1/tickets/${ticket.id}/messages`, customer.cookie, { body: '照片见附件', attachmentIds: [attached.id] });
    const late = await upload(await admin(), shared, 'late.bin');

    t.clock.advance(13 * HOUR);
    await runDue();
    expect(await exists(early.id)).toBe(false);
    expect(await exists(late.id)).toBe(true);
    expect(await blobs.has(sha(shared))).toBe(true);

    t.clock.advance(30 * 24 * HOUR);
    await runDue();
    expect(await exists(late.id)).toBe(false);
    expect(await exists(attached.id)).toBe(true);
    expect(await blobs.has(sha(shared))).toBe(true);
    const res = await t.call('GET', `/api/v1/attachments/${attached.id}`, await t.session(customer.email, PASSWORD));
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(shared)).toBe(true);
  });

  it('deletes the shared blob with the last of the stale uploads that used it', async () => {
    const bytes = randomBytes(1500);
    const a = await upload(await admin(), bytes, 'a.bin');
    const b = await upload((await t.customerUser()).cookie, bytes, 'b.bin');
    t.clock.advance(25 * HOUR);
    await runDue();
    expect([await exists(a.id), await exists(b.id)]).toEqual([false, false]);
    expect(await blobs.has(sha(bytes))).toBe(false);
  });

  it('follows KEFU_UPLOAD_TTL_HOURS', async () => {
    const short = await createTestApp({ KEFU_UPLOAD_TTL_HOURS: '2', DATA_DIR: t.deps.config.dataDir }, { database: t.database });
    try {
      short.clock.set(t.clock.now());
      const bytes = randomBytes(100);
      const { id } = await upload(await admin(), bytes);
      short.clock.advance(2 * HOUR - 1000);
      expect(await deleteStaleUploads(short.deps, blobs)).toBe(0);
      short.clock.advance(2000);
      expect(await deleteStaleUploads(short.deps, blobs)).toBe(1);
      expect(await exists(id)).toBe(false);
      expect(await blobs.has(sha(bytes))).toBe(false);
    } finally {
      await short.app.close();
    }
  });

  it('deletes each stale upload once when several workers sweep at the same time', async () => {
    await runDue();
    const second = await createTestApp({ DATA_DIR: t.deps.config.dataDir }, { database: t.database });
    try {
      const files = Array.from({ length: 12 }, () => randomBytes(400));
      const ids = [];
      const auth = await admin();
      for (const f of files) ids.push((await upload(auth, f)).id);
      t.clock.advance(25 * HOUR);
      second.clock.set(t.clock.now());
      const counts = await Promise.all([deleteStaleUploads(t.deps, blobs), deleteStaleUploads(second.deps, openBlobStore(second.deps.config))]);
      expect(counts[0] + counts[1]).toBe(12);
      for (const id of ids) expect(await exists(id)).toBe(false);
      for (const f of files) expect(await blobs.has(sha(f))).toBe(false);
      expect(await deleteStaleUploads(t.deps, blobs)).toBe(0);
    } finally {
      await second.app.close();
    }
  });

  it('refuses to record an upload whose blob the sweep removed meanwhile, rather than keep a row without bytes', async () => {
    const agent = await t.staff('agent');
    const actorCtx: RequestContext = {
      actor: { userId: agent.id, email: agent.email, name: 'agent', role: 'agent', userRole: 'agent', locale: 'zh-CN', customerId: null, via: 'session' },
      ip: null,
      userAgent: null,
    };
    const bytes = randomBytes(700);
    const stored = await storeUpload(t.deps, blobs, actorCtx, { stream: Readable.from([bytes]), filename: 'race.bin', claimedType: 'application/octet-stream' });
    await blobs.delete(stored.sha256);
    const err = await recordUpload(t.deps, blobs, actorCtx, stored).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBe(503);
    const rows = await t.database.db.execute<{ n: string }>(`select count(*) as n from attachments where sha256 = '${stored.sha256}'`);
    expect(Number(rows.rows[0]!.n)).toBe(0);
  });
});
