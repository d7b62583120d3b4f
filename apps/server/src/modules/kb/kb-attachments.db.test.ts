import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBlobStore } from '../../platform/storage/index.js';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { ok, rows } from '../../test/factories.js';
import { multipart } from '../../test/multipart.js';
import { deleteStaleUploads } from '../attachments/index.js';

/*
 * Blobs are shared by content: the same manual uploaded to a reply that was then abandoned, and to
 * the knowledge base, is one blob. The stale-upload sweep must take the reply's upload and leave
 * the article's document its bytes.
 */
const HOUR = 3_600_000;

let t: TestApp;
let agent: string;
beforeAll(async () => {
  t = await createTestApp();
  agent = (await t.staff('agent')).cookie;
});
afterAll(() => t.close());

async function upload(url: string, filename: string, data: Buffer) {
  const { body, headers } = multipart([{ filename, data }]);
  const res = await t.call('POST', url, agent, body, headers);
  expect(res.statusCode, res.body).toBe(201);
  return (res.json() as { id: string }).id;
}

describe('knowledge-base documents and the stale-upload sweep', () => {
  it("keeps a published article's document when an abandoned upload of the same bytes is swept", async () => {
    const data = Buffer.from(`Router manual ${Date.now()}: hold reset for ten seconds.`);
    const sha256 = createHash('sha256').update(data).digest('hex');
    const abandoned = await upload('/api/v1/attachments', 'manual.txt', data);
    const doc = await upload('/api/v1/kb/attachments', 'manual.txt', data);
    const article = await ok(t, 201, 'POST', '/api/v1/kb/articles', agent, { title: '路由器手册', bodyHtml: '<p>见附件</p>', attachmentIds: [doc] });
    await ok(t, 200, 'POST', `/api/v1/kb/articles/${article.id}/state`, agent, { state: 'published' });

    t.clock.advance(25 * HOUR);
    const blobs = openBlobStore(t.deps.config);
    expect(await deleteStaleUploads(t.deps, blobs)).toBeGreaterThanOrEqual(1);
    expect(await rows(t, sql`select id from attachments where id = ${abandoned}`)).toEqual([]);
    expect(await blobs.has(sha256)).toBe(true);
    const download = await t.call('GET', `/api/v1/kb/attachments/${doc}`, null);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(data)).toBe(true);
  });
});
