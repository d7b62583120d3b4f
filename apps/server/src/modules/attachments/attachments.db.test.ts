import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@kefu/contracts';
import { AppError } from '../../platform/http/app-error.js';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { createTeam, createTicket, expectNoStack, expectProblem, ok } from '../../test/factories.js';
import { multipart, type FilePart } from '../../test/multipart.js';
import type { RequestContext } from '../auth/index.js';
import { attachmentsOfMessages, linkAttachments } from './index.js';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(200)]);
const missing = '0190a5b4-0000-7000-8000-000000000000';

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.adminSession();
});
afterAll(() => t.close());

async function upload(app: TestApp, auth: string, file: FilePart): Promise<LightMyRequestResponse> {
  const { body, headers } = multipart([file]);
  return app.call('POST', '/api/v1/attachments', auth, body, headers);
}
async function uploaded(auth: string, file: FilePart) {
  const res = await upload(t, auth, file);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; filename: string; size: number; contentType: string; createdAt: string };
}
const download = (id: string, auth: string | null, headers: Record<string, string> = {}) => t.call('GET', `/api/v1/attachments/${id}`, auth, undefined, headers);
/** Every blob file under this app's data folder. */
const blobFiles = (app: TestApp) => {
  const root = path.join(app.deps.config.dataDir, 'blobs');
  if (!fs.existsSync(root)) return [];
  return fs.readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
};
const utf8Name = (disposition: string | undefined) => decodeURIComponent(/filename\*=UTF-8''(\S+)/.exec(disposition ?? '')?.[1] ?? '');

function ctxOf(user: { id: string; role: Role; customerId?: string | null }): RequestContext {
  return {
    actor: { userId: user.id, email: 'x@example.com', name: 'x', role: user.role, userRole: user.role, locale: 'zh-CN', customerId: user.customerId ?? null, via: 'session' },
    ip: null,
    userAgent: null,
  };
}
const link = (ctx: RequestContext, ids: string[], target: { ticketId: string; messageId: string }) =>
  t.deps.db.transaction((tx) => linkAttachments(tx, ctx, ids, target));
async function linkError(ctx: RequestContext, ids: string[], target: { ticketId: string; messageId: string }) {
  const err = await link(ctx, ids, target).then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).status).toBe(400);
  expect((err as AppError).extra.errors?.map((e) => e.field)).toContain('attachmentIds');
}

describe('uploading and downloading', () => {
  it('stores the bytes and gives them back unchanged, with safe headers', async () => {
    const agent = await t.staff('agent');
    const bytes = randomBytes(300_000);
    const a = await uploaded(agent.cookie, { filename: 'dump.bin', type: 'image/png', data: bytes });
    expect(a).toMatchObject({ filename: 'dump.bin', size: bytes.length, contentType: 'application/octet-stream' });
    const res = await download(a.id, agent.cookie);
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(bytes)).toBe(true);
    expect(res.headers).toMatchObject({
      'content-type': 'application/octet-stream',
      'content-length': String(bytes.length),
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
      'cache-control': 'private, max-age=300',
      etag: `"${sha(bytes)}"`,
    });
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="dump\.bin"; filename\*=UTF-8''dump\.bin$/);
  });

  it('accepts a file larger than the JSON body limit', async () => {
    const bytes = randomBytes(2_500_000);
    const a = await uploaded(admin, { filename: 'big.bin', data: bytes });
    expect(a.size).toBe(bytes.length);
    expect((await download(a.id, admin)).rawPayload.equals(bytes)).toBe(true);
  });

  it('round-trips a Chinese file name in Content-Disposition', async () => {
    const customer = await t.customerUser();
    const pdf = Buffer.from('%PDF-1.7\n发票\n%%EOF');
    const a = await uploaded(customer.cookie, { filename: '发票-2026年11月.pdf', type: 'application/pdf', data: pdf });
    expect(a).toMatchObject({ filename: '发票-2026年11月.pdf', contentType: 'application/pdf' });
    const res = await download(a.id, customer.cookie);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="[\x20-\x7e]*\.pdf"; /);
    expect(utf8Name(res.headers['content-disposition'])).toBe('发票-2026年11月.pdf');
  });

  it('keeps only the last segment of a path-like name and never serves HTML as HTML', async () => {
    const passwd = await uploaded(admin, { filename: '../../etc/passwd', type: 'text/plain', data: 'root:x:0:0\n' });
    expect(passwd).toMatchObject({ filename: 'passwd', contentType: 'text/plain' });
    const backslashes = await uploaded(admin, { filename: '..\\..\\windows\\win.ini', data: '[fonts]\n' });
    expect(backslashes.filename).toBe('win.ini');
    const html = await uploaded(admin, { filename: 'a.html', type: 'text/html', data: '<html><script>alert(document.cookie)</script></html>' });
    expect(html).toMatchObject({ filename: 'a.html', contentType: 'text/html' });
    const res = await download(html.id, admin);
    expect(res.headers['content-type']).toBe('application/octet-stream');
    expect(res.headers['content-disposition']).toMatch(/^attachment; /);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('stores HTML that claims to be a PNG as text/html and serves it as a download', async () => {
    const a = await uploaded(admin, { filename: 'photo.png', type: 'image/png', data: '<!DOCTYPE html><img src=x onerror=alert(1)>' });
    expect(a.contentType).toBe('text/html');
    const [row] = await t.database.db.execute<{ claimed_type: string }>(`select claimed_type from attachments where id = '${a.id}'`).then((r) => r.rows);
    expect(row?.claimed_type).toBe('image/png');
    const res = await download(a.id, admin);
    expect(res.headers['content-type']).toBe('application/octet-stream');
    expect(res.headers['content-disposition']).toMatch(/^attachment; /);
  });

  it('never shows SVG inline, and shows real raster images inline', async () => {
    const svg = await uploaded(admin, { filename: 'logo.svg', type: 'image/svg+xml', data: '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>' });
    expect(svg.contentType).toBe('image/svg+xml');
    const svgRes = await download(svg.id, admin);
    expect(svgRes.headers['content-type']).toBe('application/octet-stream');
    expect(svgRes.headers['content-disposition']).toMatch(/^attachment; /);
    const image = await uploaded(admin, { filename: '截图.png', type: 'application/octet-stream', data: png });
    expect(image.contentType).toBe('image/png');
    const imageRes = await download(image.id, admin);
    expect(imageRes.headers['content-type']).toBe('image/png');
    expect(imageRes.headers['content-disposition']).toMatch(/^inline; /);
    expect(utf8Name(imageRes.headers['content-disposition'])).toBe('截图.png');
    expect(imageRes.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
  });

  it('stores identical bytes once', async () => {
    const bytes = randomBytes(5000);
    const before = blobFiles(t).length;
    const a = await uploaded(admin, { filename: 'one.bin', data: bytes });
    const b = await uploaded((await t.customerUser()).cookie, { filename: 'two.bin', data: bytes });
    expect(a.id).not.toBe(b.id);
    expect(blobFiles(t).length).toBe(before + 1);
    expect(blobFiles(t).filter((f) => path.basename(f) === sha(bytes))).toHaveLength(1);
    expect((await download(a.id, admin)).headers.etag).toBe(`"${sha(bytes)}"`);
  });

  it('answers 304 to If-None-Match with the current ETag', async () => {
    const a = await uploaded(admin, { filename: 'cache.png', data: png });
    const etag = `"${sha(png)}"`;
    const res = await download(a.id, admin, { 'if-none-match': etag });
    expect(res.statusCode).toBe(304);
    expect(res.rawPayload).toHaveLength(0);
    expect(res.headers.etag).toBe(etag);
    expect((await download(a.id, admin, { 'if-none-match': `"other", W/${etag}` })).statusCode).toBe(304);
    expect((await download(a.id, admin, { 'if-none-match': '"0000"' })).statusCode).toBe(200);
  });
});

describe('hostile uploads', () => {
  it('answers 413 above KEFU_ATTACHMENT_MAX_MB and keeps nothing, yet takes exactly the limit', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-small-'));
    const small = await createTestApp({ KEFU_ATTACHMENT_MAX_MB: '1', DATA_DIR: dataDir }, { database: t.database });
    try {
      const cookie = await small.adminSession();
      const res = await upload(small, cookie, { filename: 'huge.bin', data: randomBytes(1_500_000) });
      expectProblem(res, 413, 'payload_too_large', 'file');
      expect(blobFiles(small)).toEqual([]);
      const exact = await upload(small, cookie, { filename: 'exact.bin', data: randomBytes(1024 * 1024) });
      expect(exact.statusCode, exact.body).toBe(201);
      expectProblem(await upload(small, cookie, { filename: 'one-more.bin', data: randomBytes(1024 * 1024 + 1) }), 413, 'payload_too_large', 'file');
      expect(blobFiles(small)).toHaveLength(1);
    } finally {
      // Its own app only: the database is shared with this file's main app.
      await small.app.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('answers 415 when the body is not multipart', async () => {
    expectProblem(await t.call('POST', '/api/v1/attachments', admin, JSON.stringify({ file: 'x' })), 415, 'unsupported_media_type');
    expectProblem(await t.call('POST', '/api/v1/attachments', admin, Buffer.from('%PDF-1.7'), { 'content-type': 'application/pdf' }), 415, 'unsupported_media_type');
    expectProblem(await t.call('POST', '/api/v1/attachments', admin), 415, 'unsupported_media_type');
  });

  it('answers 400 naming file to a malformed body, two files, or none', async () => {
    expectProblem(await t.call('POST', '/api/v1/attachments', admin, Buffer.from('no boundary'), { 'content-type': 'multipart/form-data' }), 400, 'validation_failed', 'file');
    const { body, headers } = multipart([{ filename: 'cut.bin', data: randomBytes(1000) }]);
    expectProblem(await t.call('POST', '/api/v1/attachments', admin, body.subarray(0, 600), headers), 400, 'validation_failed', 'file');
    const count = async () => Number((await t.database.db.execute<{ n: string }>('select count(*) as n from attachments')).rows[0]!.n);
    const before = await count();
    const two = multipart([{ filename: 'a.txt', data: 'a' }, { filename: 'b.txt', data: 'b' }]);
    expectProblem(await t.call('POST', '/api/v1/attachments', admin, two.body, two.headers), 400, 'validation_failed', 'file');
    expect(await count()).toBe(before);
    const none = multipart([], { note: '没有文件' });
    expectProblem(await t.call('POST', '/api/v1/attachments', admin, none.body, none.headers), 400, 'validation_failed', 'file');
  });

  it('answers 401 to an anonymous upload', async () => {
    const { body, headers } = multipart([{ filename: 'a.txt', data: 'a' }]);
    expectProblem(await t.call('POST', '/api/v1/attachments', null, body, headers), 401, 'unauthenticated');
  });

  it('answers 400 to a malformed id and 404 to an unknown one', async () => {
    expectProblem(await download('not-a-uuid', admin), 400, 'validation_failed', 'id');
    expectProblem(await download(missing, admin), 404, 'not_found');
  });
});

describe('who may download', () => {
  it("hides another user's unlinked upload from everyone else, admins included, whatever the ETag", async () => {
    const customer = await t.customerUser();
    const a = await uploaded(customer.cookie, { filename: '身份证.png', data: png });
    expect((await download(a.id, customer.cookie)).statusCode).toBe(200);
    for (const other of [(await t.customerUser()).cookie, (await t.staff('agent')).cookie, admin]) {
      expectProblem(await download(a.id, other), 404, 'not_found');
      expectProblem(await download(a.id, other, { 'if-none-match': `"${sha(png)}"` }), 404, 'not_found');
    }
    expectProblem(await download(a.id, null), 401, 'unauthenticated');
  });

  it('once linked, serves whoever may see the ticket; internal notes only to staff', async () => {
    const customer = await t.customerUser();
    const agent = await t.staff('agent');
    const outsider = await t.staff('agent');
    const team = await createTeam(t, { memberIds: [agent.id] });
    const ticket = await createTicket(t, { requesterId: customer.customerId, teamId: team.id });
    const customerCtx = ctxOf({ id: customer.id, role: 'customer', customerId: customer.customerId });
    const agentCtx = ctxOf({ id: agent.id, role: 'agent' });

    const reply = await ok(t, 201, 'POST', `/api/v1/tickets/${ticket.id}/messages`, customer.cookie, { body: '附件是发票' });
    const invoice = await uploaded(customer.cookie, { filename: '发票-2026年11月.pdf', data: '%PDF-1.4 invoice' });
    const photo = await uploaded(customer.cookie, { filename: '破损.png', data: png });
    const linked = await link(customerCtx, [photo.id, invoice.id, photo.id], { ticketId: ticket.id, messageId: reply.id });
    expect(linked.map((x) => x.id)).toEqual([invoice.id, photo.id]);

    const note = await ok(t, 201, 'POST', `/api/v1/tickets/${ticket.id}/messages`, agent.cookie, { body: '内部：客户可能要退款', internal: true });
    const internalFile = await uploaded(agent.cookie, { filename: '内部评估.txt', data: '仅内部可见' });
    await link(agentCtx, [internalFile.id], { ticketId: ticket.id, messageId: note.id });

    for (const who of [customer.cookie, agent.cookie, admin]) expect((await download(invoice.id, who)).statusCode).toBe(200);
    expect((await download(internalFile.id, agent.cookie)).statusCode).toBe(200);
    expect((await download(internalFile.id, admin)).statusCode).toBe(200);
    expectProblem(await download(internalFile.id, customer.cookie), 404, 'not_found');
    for (const who of [outsider.cookie, (await t.customerUser()).cookie]) {
      expectProblem(await download(invoice.id, who), 404, 'not_found');
      expectProblem(await download(internalFile.id, who), 404, 'not_found');
    }

    const byMessage = await attachmentsOfMessages(t.deps.db, [reply.id, note.id, missing]);
    expect(byMessage.get(reply.id)?.map((x) => x.id).sort()).toEqual([invoice.id, photo.id].sort());
    expect(byMessage.get(note.id)).toEqual([expect.objectContaining({ id: internalFile.id, filename: '内部评估.txt', contentType: 'text/plain', size: Buffer.byteLength('仅内部可见') })]);
    expect(byMessage.get(missing)).toEqual([]);
  });

  it("refuses to link someone else's, an unknown or an already linked upload, naming attachmentIds, and links nothing", async () => {
    const customer = await t.customerUser();
    const stranger = await t.customerUser();
    const ticket = await createTicket(t, { requesterId: customer.customerId });
    const message = await ok(t, 201, 'POST', `/api/v1/tickets/${ticket.id}/messages`, customer.cookie, { body: '补充材料' });
    const target = { ticketId: ticket.id, messageId: message.id };
    const customerCtx = ctxOf({ id: customer.id, role: 'customer', customerId: customer.customerId });
    const mine = await uploaded(customer.cookie, { filename: 'mine.txt', data: 'mine' });
    const theirs = await uploaded(stranger.cookie, { filename: 'theirs.txt', data: 'theirs' });
    const staffUpload = await uploaded(admin, { filename: 'staff.txt', data: 'staff' });

    await linkError(customerCtx, [mine.id, theirs.id], target);
    await linkError(customerCtx, [staffUpload.id], target);
    await linkError(customerCtx, [missing], target);
    await linkError(ctxOf({ id: (await t.staff('agent')).id, role: 'agent' }), [mine.id], target);
    expect((await attachmentsOfMessages(t.deps.db, [message.id])).get(message.id)).toEqual([]);
    expectProblem(await download(mine.id, admin), 404, 'not_found');

    await link(customerCtx, [mine.id], target);
    await linkError(customerCtx, [mine.id], target);
    expect(await link(customerCtx, [], target)).toEqual([]);
  });

  it('answers 404, not 500, when a blob has gone missing from storage', async () => {
    const bytes = randomBytes(100);
    const a = await uploaded(admin, { filename: 'lost.bin', data: bytes });
    const file = blobFiles(t).find((f) => path.basename(f) === sha(bytes))!;
    fs.rmSync(file);
    const res = await download(a.id, admin);
    expectProblem(res, 404, 'not_found');
    expectNoStack(res);
  });
});
