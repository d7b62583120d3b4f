import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipart, type FilePart } from '../../test/multipart.js';
import { createTestApp, unique, type TestApp } from '../../test/test-app.js';
import { createCustomer, createTicket, expectProblem, ok, rows, type Json } from '../../test/factories.js';

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.adminSession();
});
afterAll(() => t.close());

const missing = '0190a5b4-0000-7000-8000-000000000000';

async function uploaded(auth: string, file: FilePart): Promise<{ id: string; filename: string }> {
  const { body, headers } = multipart([file]);
  const res = await t.call('POST', '/api/v1/attachments', auth, body, headers);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
const open = (auth: string, body: Record<string, unknown>) => t.call('POST', '/api/v1/tickets', auth, body);
const timeline = async (id: string) => (await ok(t, 200, 'GET', `/api/v1/tickets/${id}/timeline`, admin)).items as Json[];
const ticketsTitled = (subject: string) => rows(t, sql`select id from tickets where subject = ${subject}`);
const linkedTo = async (attachmentId: string) =>
  (await rows<{ message_id: string | null }>(t, sql`select message_id from attachments where id = ${attachmentId}`))[0]?.message_id ?? null;

describe('files when opening a ticket', () => {
  it('links a customer\'s uploads to the first message, each once, in upload order', async () => {
    const customer = await t.customerUser();
    const photo = await uploaded(customer.cookie, { filename: '破损照片.png', data: 'png-ish bytes' });
    const invoice = await uploaded(customer.cookie, { filename: '发票.pdf', data: '%PDF-1.4 invoice' });
    const ticket = await ok(t, 201, 'POST', '/api/v1/tickets', customer.cookie, {
      subject: '收到的商品有破损', body: '外包装完好，里面的杯子碎了。', attachmentIds: [invoice.id, photo.id, invoice.id],
    });
    const items = await timeline(ticket.id);
    expect(items.map((i) => i.type ?? i.kind)).toEqual(['ticket.created', 'message']);
    const [created, first] = items;
    expect(first.bodyText).toContain('杯子碎了');
    expect(first.attachments.map((a: Json) => a.filename)).toEqual(['破损照片.png', '发票.pdf']);
    expect(created.data).toMatchObject({ messageId: first.id, attachmentIds: [photo.id, invoice.id] });
    // Linked: whoever may see the ticket downloads them, the customer included.
    for (const who of [customer.cookie, admin]) expect((await t.call('GET', `/api/v1/attachments/${photo.id}`, who)).statusCode).toBe(200);
  });

  it('keeps files sent without a description on a message of their own, and staff may attach their uploads', async () => {
    const customer = await t.customerUser();
    const log = await uploaded(customer.cookie, { filename: 'error.log', data: 'E42 at boot' });
    const ticket = await ok(t, 201, 'POST', '/api/v1/tickets', customer.cookie, { subject: '只有附件', attachmentIds: [log.id] });
    const [, first] = await timeline(ticket.id);
    expect(first).toMatchObject({ kind: 'message', authorType: 'customer', bodyHtml: '', attachments: [expect.objectContaining({ id: log.id })] });

    const agent = await t.staff('agent');
    const recording = await uploaded(agent.cookie, { filename: '通话录音.txt', data: '客户来电记录' });
    const requester = await createCustomer(t);
    const phoned = await ok(t, 201, 'POST', '/api/v1/tickets', agent.cookie, { subject: '电话报修', requesterId: requester.id, channel: 'phone', body: '来电', attachmentIds: [recording.id] });
    const [, message] = await timeline(phoned.id);
    expect(message.attachments.map((a: Json) => a.id)).toEqual([recording.id]);
  });

  it("refuses another customer's, another user's, an unknown or an already linked upload with 400 naming attachmentIds, and opens nothing", async () => {
    const customer = await t.customerUser();
    const stranger = await t.customerUser();
    const agent = await t.staff('agent');
    const mine = await uploaded(customer.cookie, { filename: 'mine.txt', data: 'mine' });
    const theirs = await uploaded(stranger.cookie, { filename: 'theirs.txt', data: 'theirs' });
    const staffFile = await uploaded(admin, { filename: 'staff.txt', data: 'staff' });
    const requester = await createCustomer(t);
    const subject = unique('被拒的请求 ');

    for (const attachmentIds of [[mine.id, theirs.id], [staffFile.id], [missing]]) {
      expectProblem(await open(customer.cookie, { subject, body: '说明', attachmentIds }), 400, 'validation_failed', 'attachmentIds');
    }
    // Another user's upload on staff's side too: an agent cannot attach the customer's or the admin's file.
    expectProblem(await open(agent.cookie, { subject, requesterId: requester.id, attachmentIds: [mine.id] }), 400, 'validation_failed', 'attachmentIds');
    expectProblem(await open(agent.cookie, { subject, requesterId: requester.id, attachmentIds: [staffFile.id] }), 400, 'validation_failed', 'attachmentIds');
    expect(await ticketsTitled(subject)).toEqual([]);
    expect(await linkedTo(mine.id)).toBeNull();

    // Linked to a reply elsewhere, it cannot be claimed again by a new ticket.
    const other = await createTicket(t, { requesterId: customer.customerId });
    const reply = await ok(t, 201, 'POST', `/api/v1/tickets/${other.id}/messages`, customer.cookie, { body: '补充', attachmentIds: [mine.id] });
    expect(await linkedTo(mine.id)).toBe(reply.id);
    expectProblem(await open(customer.cookie, { subject, body: '说明', attachmentIds: [mine.id] }), 400, 'validation_failed', 'attachmentIds');
    expect(await ticketsTitled(subject)).toEqual([]);
    expect(await linkedTo(mine.id)).toBe(reply.id);
  });

  it('refuses 21 ids or a malformed one before anything is written, and a replayed request opens one ticket', async () => {
    const customer = await t.customerUser();
    const files = await Promise.all(Array.from({ length: 21 }, (_, i) => uploaded(customer.cookie, { filename: `f${i}.txt`, data: `file ${i}` })));
    const subject = unique('很多附件 ');
    expectProblem(await open(customer.cookie, { subject, attachmentIds: files.map((f) => f.id) }), 400, 'validation_failed', 'attachmentIds');
    expectProblem(await open(customer.cookie, { subject, attachmentIds: ['not-a-uuid'] }), 400, 'validation_failed');
    expectProblem(await open(customer.cookie, { subject, attachmentIds: files[0]!.id }), 400, 'validation_failed', 'attachmentIds');
    expect(await ticketsTitled(subject)).toEqual([]);

    const body = { subject, body: '二十个附件', attachmentIds: files.slice(0, 20).map((f) => f.id) };
    const first = await open(customer.cookie, body);
    expect(first.statusCode, first.body).toBe(201);
    // The same request again (a retried submit): the files are taken, so no second ticket.
    expectProblem(await open(customer.cookie, body), 400, 'validation_failed', 'attachmentIds');
    // Sent twice at once, one wins and one is refused.
    const again = { ...body, attachmentIds: [files[20]!.id] };
    const both = await Promise.all([open(customer.cookie, again), open(customer.cookie, again)]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 400]);
    expect(await ticketsTitled(subject)).toHaveLength(2);
    const [, message] = await timeline(first.json().id);
    expect(message.attachments).toHaveLength(20);
  });

  it('still opens tickets without files together in one statement', async () => {
    const customer = await t.customerUser();
    const subject = unique('同批无附件 ');
    const responses = await Promise.all(Array.from({ length: 5 }, () => open(customer.cookie, { subject, body: '无附件', attachmentIds: [] })));
    expect(responses.map((r) => r.statusCode)).toEqual(Array(5).fill(201));
    for (const r of responses) expect((await timeline(r.json().id)).map((i) => i.type ?? i.kind)).toEqual(['ticket.created', 'message']);
  });
});
