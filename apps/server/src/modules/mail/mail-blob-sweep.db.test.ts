import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBlobStore, type BlobStore } from '../../platform/storage/index.js';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { rows } from '../../test/factories.js';
import { multipart } from '../../test/multipart.js';
import { deleteStaleUploads } from '../attachments/index.js';
import { ingestRawMail, type MailDeps } from './mail-ingest.js';
import { rawMail } from './mail-outbound.test-support.js';

/*
 * Blobs are shared by content: a stale upload whose bytes are exactly an email's raw .eml (someone
 * uploaded the .eml they were sent) must not take the stored email's original with it.
 */
const HOUR = 3_600_000;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let t: TestApp;
let mail: MailDeps;
let mailboxId: string;
beforeAll(async () => {
  t = await createTestApp();
  mail = { ...t.deps, blobs: openBlobStore(t.deps.config) };
  const [m] = await rows<{ id: string }>(t, sql`select id from mailboxes where is_default`);
  mailboxId = m!.id;
});
afterAll(() => t.close());

async function uploadBytes(data: Buffer) {
  const { body, headers } = multipart([{ filename: 'forwarded.eml', data }]);
  const res = await t.call('POST', '/api/v1/attachments', await t.adminSession(), body, headers);
  expect(res.statusCode, res.body).toBe(201);
  return (res.json() as { id: string }).id;
}
const uploadExists = async (id: string) => (await rows(t, sql`select id from attachments where id = ${id}`)).length === 1;

describe('the stale-upload sweep and stored emails', () => {
  it('deletes the stale upload row but keeps the blob an email still uses as its raw message', async () => {
    const raw = rawMail({ from: 'keep-raw@example.com', to: 'support@localhost', subject: '原始邮件', body: '请保留原文', messageId: `keep-raw.${Date.now()}@example.com` });
    const uploadId = await uploadBytes(raw);
    const stored = await ingestRawMail(mail, { mailboxId, raw });
    expect(stored.status).toBe('stored');
    const [row] = await rows<{ raw_blob_key: string }>(t, sql`select raw_blob_key from mail_messages where id = ${stored.mailMessageId}`);
    expect(row!.raw_blob_key).toBe(sha(raw));

    t.clock.advance(25 * HOUR);
    expect(await deleteStaleUploads(t.deps, mail.blobs)).toBeGreaterThanOrEqual(1);
    expect(await uploadExists(uploadId)).toBe(false);
    expect(await mail.blobs.has(sha(raw))).toBe(true);
  });

  it('still deletes the blob of a stale upload nothing else points at', async () => {
    const raw = rawMail({ from: 'other@example.com', to: 'support@localhost', subject: 'x', body: 'never mailed', messageId: `never.${Date.now()}@example.com` });
    const uploadId = await uploadBytes(raw);
    t.clock.advance(25 * HOUR);
    await deleteStaleUploads(t.deps, mail.blobs);
    expect(await uploadExists(uploadId)).toBe(false);
    expect(await mail.blobs.has(sha(raw))).toBe(false);
  });

  it('puts back the raw bytes when the sweep deleted them after they were found already stored', async () => {
    const raw = rawMail({ from: 'race@example.com', to: 'support@localhost', subject: '竞态', body: '先删后存', messageId: `race.${Date.now()}@example.com` });
    await mail.blobs.put(raw, { maxBytes: 1_000_000 });
    // The sweep's delete lands between the blob store finding the bytes present and the commit.
    let first = true;
    const blobs: BlobStore = {
      put: async (source, options) => {
        const result = await mail.blobs.put(source, options);
        if (first) {
          first = false;
          await mail.blobs.delete(result.sha256);
        }
        return result;
      },
      get: (sha256) => mail.blobs.get(sha256),
      has: (sha256) => mail.blobs.has(sha256),
      delete: (sha256) => mail.blobs.delete(sha256),
    };
    const stored = await ingestRawMail({ ...mail, blobs }, { mailboxId, raw });
    expect(stored.status).toBe('stored');
    expect(await mail.blobs.has(sha(raw))).toBe(true);
  });
});
