import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import WebSocket from 'ws';
import { openPostgres } from '../../platform/db/client.js';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { createTicket, ok } from '../../test/factories.js';

interface Inbox {
  socket: WebSocket;
  messages: Record<string, unknown>[];
  next(match: (m: Record<string, unknown>) => boolean, what: string): Promise<Record<string, unknown>>;
  close(): void;
}

async function listen(t: TestApp) {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  return `ws://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/api/v1/realtime`;
}

async function connect(url: string, cookie?: string): Promise<Inbox> {
  const socket = new WebSocket(url, { headers: cookie ? { cookie } : {} });
  const messages: Record<string, unknown>[] = [];
  const waiters: Array<() => void> = [];
  socket.on('message', (raw) => {
    messages.push(JSON.parse(String(raw)) as Record<string, unknown>);
    waiters.splice(0).forEach((w) => w());
  });
  if (cookie) await new Promise<void>((resolve, reject) => { socket.once('open', () => resolve()); socket.once('error', reject); });
  const inbox: Inbox = {
    socket,
    messages,
    async next(match, what) {
      const deadline = Date.now() + 5000;
      while (Date.now() < deadline) {
        const found = messages.find(match);
        if (found) return found;
        await new Promise<void>((r) => { waiters.push(r); setTimeout(r, 100); });
      }
      throw new Error(`no message: ${what}; got ${JSON.stringify(messages)}`);
    },
    close: () => socket.close(),
  };
  if (cookie) await inbox.next((m) => m.type === 'hello', 'hello');
  return inbox;
}

describe('live updates over WebSocket', () => {
  let t: TestApp;
  let url: string;
  beforeAll(async () => {
    t = await createTestApp();
    url = await listen(t);
  });
  afterAll(() => t.close());

  it('closes a socket that is not signed in', async () => {
    const inbox = await connect(url);
    const code = await new Promise<number>((r) => inbox.socket.once('close', (c) => r(c)));
    expect(code).toBe(4401);
  });

  it('tells staff and the requester about a change, and nobody else', async () => {
    const mine = await t.customerUser();
    const stranger = await t.customerUser();
    const agent = await t.staff('agent');
    const [adminInbox, mineInbox, strangerInbox] = await Promise.all([connect(url, await t.adminSession()), connect(url, mine.cookie), connect(url, stranger.cookie)]);
    const ticket = await createTicket(t, { requesterId: mine.customerId });
    await ok(t, 200, 'PATCH', `/api/v1/tickets/${ticket.id}`, agent.cookie, { priority: 'high' });
    const seen = await adminInbox.next((m) => m.type === 'ticket.changed' && m.ticketId === ticket.id && m.event === 'ticket.updated', 'admin hears the update');
    expect(seen).toMatchObject({ number: ticket.number, version: 2, actorId: agent.id });
    expect(seen).not.toHaveProperty('requesterId');
    await mineInbox.next((m) => m.type === 'ticket.changed' && m.ticketId === ticket.id, 'requester hears it');
    await ok(t, 200, 'GET', `/api/v1/tickets/${ticket.id}`, agent.cookie);
    expect(strangerInbox.messages.filter((m) => m.type === 'ticket.changed')).toEqual([]);
    [adminInbox, mineInbox, strangerInbox].forEach((i) => i.close());
  });

  it('relays presence between staff for the collision warning, and notifications to their target', async () => {
    const [a, b] = [await t.staff('agent'), await t.staff('agent')];
    const [ia, ib] = await Promise.all([connect(url, a.cookie), connect(url, b.cookie)]);
    const ticket = await createTicket(t);
    ia.socket.send(JSON.stringify({ type: 'presence', ticketId: ticket.id, state: 'replying' }));
    const p = await ib.next((m) => m.type === 'presence', 'b sees a replying');
    expect(p).toMatchObject({ ticketId: ticket.id, userId: a.id, state: 'replying' });
    ia.socket.send('not json');
    await ia.next((m) => m.type === 'error', 'a bad message is answered, not fatal');
    await ok(t, 201, 'POST', `/api/v1/tickets/${ticket.id}/messages`, a.cookie, { body: '请看', internal: true, mentionIds: [b.id] });
    await ib.next((m) => m.type === 'notification' && m.kind === 'mentioned', 'b is told about the mention');
    ia.close();
    ib.close();
  });
});

describe.skipIf(inject('dbDriver') !== 'postgres')('live updates across instances', () => {
  it('delivers a change made on one instance to a socket on the other', async () => {
    const a = await createTestApp();
    const b = await createTestApp({}, { database: await openPostgres(a.database.url!, 3) });
    try {
      const inbox = await connect(await listen(b), await b.adminSession());
      const ticket = await createTicket(a);
      await inbox.next((m) => m.type === 'ticket.changed' && m.ticketId === ticket.id, 'b relays a change made on a');
      inbox.close();
    } finally {
      await b.close();
      await a.close();
    }
  });
});
