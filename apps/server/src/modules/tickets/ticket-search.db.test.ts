import { and, eq, inArray, or } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listTicketsQuerySchema, type ListTicketsQuery } from '@kefu/contracts';
import { searchMatches } from '../../platform/search/index.js';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { createCustomer, createTicket, ok } from '../../test/factories.js';
import type { Actor } from '../auth/index.js';
import { ticketTextMatch } from './ticket-search.js';
import { encodeTicketCursor, listTickets, type TextSearch } from './tickets.repository.js';
import { ticketMessages, tickets } from './tickets.tables.js';

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

describe('the steps a search takes', () => {
  /** The plain query the steps stand in for: subject or any visible message matches. */
  const reference = (actor: Actor, q: string): TextSearch => async (db, { where, order, limit }) => {
    const inMessage = searchMatches(ticketMessages.searchVector, q)!;
    const message = actor.role === 'customer' ? and(inMessage, eq(ticketMessages.internal, false)) : inMessage;
    const byMessage = db.select({ id: ticketMessages.ticketId }).from(ticketMessages).where(message);
    return db.select().from(tickets).where(and(where, or(searchMatches(tickets.searchVector, q), inArray(tickets.id, byMessage)))).orderBy(...order).limit(limit);
  };

  /** Every page of a search, followed by cursor, as lists of ids. */
  async function pages(actor: Actor, query: Partial<ListTicketsQuery>, textMatch: TextSearch) {
    const out: string[][] = [];
    let cursor: string | undefined;
    do {
      const q = listTicketsQuerySchema.parse({ ...query, ...(cursor ? { cursor } : {}) });
      const rows = await listTickets(t.database.db, actor, { ...q, textMatch });
      const page = rows.slice(0, q.limit);
      out.push(page.map((r) => r.id));
      cursor = rows.length > q.limit ? encodeTicketCursor(q.sort, page[page.length - 1]!) : undefined;
    } while (cursor && out.length < 50);
    return out;
  }

  it('lists the same pages whichever step answers, for staff and for customers', async () => {
    const c = await t.customerUser();
    const mine = (body: Record<string, unknown>) => createTicket(t, { requesterId: c.customerId, ...body });
    const noted = await mine({ subject: '账户问题', body: '无关内容', priority: 'low' });
    await ok(t, 201, 'POST', `/api/v1/tickets/${noted.id}/messages`, admin, { body: '内部：客户要求退款 refund', internal: true });
    await mine({ subject: '退款 refund 申请', priority: 'high' });
    await mine({ subject: '咨询', body: '我要退款，refund please', priority: 'urgent' });
    await mine({ subject: '物流延迟', body: '快递三天没有更新，想退款' });
    for (let i = 0; i < 4; i++) await mine({ subject: `退款进度 ${i}`, body: i % 2 ? 'Refunded?' : '无关', priority: i % 2 ? 'low' : 'normal' });
    await mine({ subject: '发票', body: '请开发票' });
    const me = await ok(t, 200, 'GET', '/api/v1/me', admin);
    const staff: Actor = { userId: me.user.id, email: me.user.email, name: 'admin', role: 'admin', userRole: 'admin', locale: 'zh-CN', customerId: null, via: 'session' };
    const customer: Actor = { userId: c.id, email: c.email, name: 'c', role: 'customer', userRole: 'customer', locale: 'zh-CN', customerId: c.customerId, via: 'session' };

    // walk 1 never fills a page; gatherCost 0 always gathers (and gather 1 is always exceeded, so
    // the whole list is walked after all); gatherCost 1e9 walks on after one hit.
    await t.database.exec('analyze tickets'); // the walk-or-gather choice reads the table's size from its statistics
    const steps = [
      undefined, { walk: 1, gatherCost: 0, gather: 1000 }, { walk: 1, gatherCost: 0, gather: 1 }, { walk: 1, gatherCost: 1e9, gather: 1000 },
    ];
    for (const actor of [staff, customer]) {
      for (const q of ['退款', 'refund', '物流 延迟', '退', 'nothing here']) {
        for (const sort of ['updated', 'created', 'priority'] as const) {
          for (const limit of [2, 25]) {
            const expected = await pages(actor, { q, sort, limit }, reference(actor, q));
            for (const s of steps) {
              expect(await pages(actor, { q, sort, limit }, ticketTextMatch(actor, q, s)), `${actor.role} ${q} ${sort} ${limit} ${JSON.stringify(s)}`).toEqual(expected);
            }
          }
        }
      }
    }
    const all = async (actor: Actor, q: string) => (await pages(actor, { q, limit: 100 }, reference(actor, q))).flat();
    expect((await all(staff, '退款')).length).toBeGreaterThanOrEqual(8);
    expect(await all(staff, 'refund')).toContain(noted.id);
    expect(await all(customer, 'refund')).not.toContain(noted.id);
  });
});
