import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { createCustomer, createTicket, ok } from '../../test/factories.js';

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.adminSession();
});
afterAll(() => t.close());

const search = async (q: string, auth = admin) => ok(t, 200, 'GET', `/api/v1/tickets?q=${encodeURIComponent(q)}&limit=50`, auth);
const ids = (page: { items: { id: string }[] }) => page.items.map((i) => i.id);

describe('ticket search', () => {
  it('finds Chinese words in subjects and messages, with highlighted snippets', async () => {
    const refund = await createTicket(t, { subject: '申请退款：商品破损', body: '收到的杯子已经碎了' });
    const invoice = await createTicket(t, { subject: '咨询', body: '请帮我开发票，抬头是公司名称' });
    const other = await createTicket(t, { subject: '物流延迟', body: '快递三天没有更新' });
    expect(ids(await search('退款'))).toEqual([refund.id]);
    const page = await search('发票');
    expect(ids(page)).toEqual([invoice.id]);
    expect(page.items[0].snippet).toContain('<mark>');
    expect(ids(await search('物流'))).toContain(other.id);
  });

  it('stems English and matches a partial last word', async () => {
    const shipped = await createTicket(t, { subject: 'Order not delivered', body: 'The parcel was shipped on Monday but never arrived' });
    expect(ids(await search('delivering'))).toContain(shipped.id);
    expect(ids(await search('arrives'))).toContain(shipped.id);
    expect(ids(await search('ship'))).toContain(shipped.id);
    expect(ids(await search('parc'))).toContain(shipped.id);
  });

  it('never lets a customer find a ticket through an internal note', async () => {
    const c = await t.customerUser();
    const ticket = await createTicket(t, { requesterId: c.customerId, subject: '账户问题' });
    await ok(t, 201, 'POST', `/api/v1/tickets/${ticket.id}/messages`, admin, { body: '内部：该客户疑似欺诈 fraudulent', internal: true });
    expect(ids(await search('欺诈'))).toEqual([ticket.id]);
    expect(ids(await search('欺诈', c.cookie))).toEqual([]);
    expect(ids(await search('fraudulent', c.cookie))).toEqual([]);
    expect(ids(await search('账户', c.cookie))).toEqual([ticket.id]);
  });

  it('jumps to a ticket number or a customer email, within what the caller may see', async () => {
    const customer = await createCustomer(t, { emails: ['jump.here@example.com'] });
    const ticket = await createTicket(t, { requesterId: customer.id });
    expect((await search(`#${ticket.number}`)).jumpTo).toEqual({ kind: 'ticket', id: ticket.id });
    expect((await search(String(ticket.number))).jumpTo).toEqual({ kind: 'ticket', id: ticket.id });
    expect((await search('JUMP.here@example.com')).jumpTo).toEqual({ kind: 'customer', id: customer.id });
    const stranger = await t.customerUser();
    expect((await search(`#${ticket.number}`, stranger.cookie)).jumpTo).toBeNull();
    expect((await search('jump.here@example.com', stranger.cookie)).jumpTo).toBeNull();
  });

  it('takes search syntax and markup in the query as plain text', async () => {
    await createTicket(t, { subject: '<script>alert(1)</script> 退货' });
    for (const q of ["a & | ! : * ( ) '", '退款 & !', '<script>', '%', '\\', '""']) {
      const page = await search(q);
      for (const item of page.items) expect(item.snippet ?? '').not.toContain('<script>');
    }
  });
});
