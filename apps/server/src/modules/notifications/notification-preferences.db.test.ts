import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notificationKinds } from '@kefu/contracts';
import { inTransaction } from '../../platform/db/transaction.js';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { createTicket, createToken, expectProblem, ok, rows } from '../../test/factories.js';
import { notifyUsers } from '../tickets/notifications.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const URL = '/api/v1/me/notification-preferences';
type Pref = { kind: string; inApp: boolean; email: boolean };
const byKind = (items: Pref[]) => Object.fromEntries(items.map((p) => [p.kind, { inApp: p.inApp, email: p.email }]));

const bell = async (cookie: string) => (await ok(t, 200, 'GET', '/api/v1/notifications', cookie)).items as { kind: string; ticketId: string }[];
const mailsOwed = async (userId: string) =>
  rows<{ kind: string; status: string }>(t, sql`select kind, status from notification_emails where user_id = ${userId} order by id`);

describe('notification preferences', () => {
  it('starts from the defaults: in-app for everything, email for assignments, mentions, breaches and escalations', async () => {
    const agent = await t.staff('agent');
    const prefs = await ok(t, 200, 'GET', URL, agent.cookie);
    expect(prefs.items.map((p: Pref) => p.kind)).toEqual([...notificationKinds]);
    expect(byKind(prefs.items)).toEqual({
      'ticket.assigned': { inApp: true, email: true },
      mentioned: { inApp: true, email: true },
      'customer.replied': { inApp: true, email: false },
      'ticket.rated': { inApp: true, email: false },
      'sla.warning': { inApp: true, email: false },
      'sla.breached': { inApp: true, email: true },
      escalation: { inApp: true, email: true },
      'follow_up.scheduled': { inApp: true, email: false },
      'email.bounced': { inApp: true, email: true },
    });
  });

  it('sets the listed kinds, keeps the others, and is private to each user', async () => {
    const [agent, other] = [await t.staff('agent'), await t.staff('agent')];
    const saved = await ok(t, 200, 'PUT', URL, agent.cookie, {
      items: [{ kind: 'customer.replied', inApp: true, email: true }, { kind: 'ticket.assigned', inApp: false, email: false }],
    });
    expect(byKind(saved.items)).toMatchObject({ 'customer.replied': { inApp: true, email: true }, 'ticket.assigned': { inApp: false, email: false }, mentioned: { inApp: true, email: true } });
    await ok(t, 200, 'PUT', URL, agent.cookie, { items: [{ kind: 'customer.replied', inApp: false, email: true }] });
    const again = byKind((await ok(t, 200, 'GET', URL, agent.cookie)).items);
    expect(again).toMatchObject({ 'customer.replied': { inApp: false, email: true }, 'ticket.assigned': { inApp: false, email: false } });
    expect(byKind((await ok(t, 200, 'GET', URL, other.cookie)).items)['ticket.assigned']).toEqual({ inApp: true, email: true });
  });

  it('is what notifyUsers obeys: in-app off writes no bell row, email off queues no mail', async () => {
    const [quiet, mailOnly, defaults] = [await t.staff('agent'), await t.staff('agent'), await t.staff('agent')];
    await ok(t, 200, 'PUT', URL, quiet.cookie, { items: [{ kind: 'ticket.assigned', inApp: false, email: false }] });
    await ok(t, 200, 'PUT', URL, mailOnly.cookie, { items: [{ kind: 'ticket.assigned', inApp: false, email: true }] });
    const tickets = [];
    for (const user of [quiet, mailOnly, defaults]) tickets.push(await createTicket(t, { assigneeId: user.id }));

    expect(await bell(quiet.cookie)).toEqual([]);
    expect(await mailsOwed(quiet.id)).toEqual([]);
    expect(await bell(mailOnly.cookie)).toEqual([]);
    expect(await mailsOwed(mailOnly.id)).toEqual([{ kind: 'ticket.assigned', status: 'queued' }]);
    expect((await bell(defaults.cookie)).map((n) => [n.kind, n.ticketId])).toEqual([['ticket.assigned', tickets[2]!.id]]);
    expect(await mailsOwed(defaults.id)).toEqual([{ kind: 'ticket.assigned', status: 'queued' }]);
  });

  it('groups kinds emitted under another name: an urgent complaint follows the escalation preference', async () => {
    const supervisor = await t.staff('supervisor');
    await ok(t, 200, 'PUT', URL, supervisor.cookie, { items: [{ kind: 'escalation', inApp: false, email: false }] });
    const watcher = await t.staff('supervisor');
    await createTicket(t, { type: 'complaint', complaint: { impact: 'safety' } });
    expect((await bell(supervisor.cookie)).filter((n) => n.kind === 'complaint.urgent')).toEqual([]);
    expect(await mailsOwed(supervisor.id)).toEqual([]);
    expect((await bell(watcher.cookie)).filter((n) => n.kind === 'complaint.urgent')).toHaveLength(1);
    expect(await mailsOwed(watcher.id)).toEqual([{ kind: 'complaint.urgent', status: 'queued' }]);
  });

  it('works through an API token acting as agent, and refuses customers and anonymous callers', async () => {
    const agent = await t.staff('agent');
    const { bearer } = await createToken(t, agent.cookie);
    expect((await ok(t, 200, 'PUT', URL, bearer, { items: [{ kind: 'sla.warning', inApp: true, email: true }] })).items).toHaveLength(notificationKinds.length);
    expect(byKind((await ok(t, 200, 'GET', URL, agent.cookie)).items)['sla.warning']).toEqual({ inApp: true, email: true });
    const customer = await t.customerUser();
    expectProblem(await t.call('GET', URL, customer.cookie), 403, 'forbidden');
    expectProblem(await t.call('PUT', URL, customer.cookie, { items: [{ kind: 'mentioned', inApp: true, email: true }] }), 403, 'forbidden');
    expectProblem(await t.call('GET', URL, null), 401, 'unauthenticated');
  });

  it('answers 400 naming the field to unknown kinds, wrong types, duplicates and junk, and stores nothing', async () => {
    const agent = await t.staff('agent');
    const cases: [unknown, string][] = [
      [{ items: [{ kind: 'ticket.deleted', inApp: true, email: true }] }, 'items.0.kind'],
      [{ items: [{ kind: '<script>alert(1)</script>', inApp: true, email: true }] }, 'items.0.kind'],
      [{ items: [{ kind: 'mentioned', inApp: 'yes', email: true }] }, 'items.0.inApp'],
      [{ items: [{ kind: 'mentioned', inApp: true, email: 1 }] }, 'items.0.email'],
      [{ items: [{ kind: 'mentioned', inApp: true }] }, 'items.0.email'],
      [{ items: [{ kind: 'mentioned', inApp: true, email: true, userId: agent.id }] }, 'items.0.userId'],
      [{ items: [{ kind: 'mentioned', inApp: true, email: true }, { kind: 'mentioned', inApp: false, email: false }] }, 'items.1.kind'],
      [{ items: [] }, 'items'],
      [{ items: 'all' }, 'items'],
      [{ items: Array.from({ length: 50 }, () => ({ kind: 'mentioned', inApp: true, email: true })) }, 'items'],
      [{ items: [{ kind: 'mentioned', inApp: true, email: true }], userId: agent.id }, 'userId'],
      [{}, 'items'],
    ];
    for (const [body, field] of cases) expectProblem(await t.call('PUT', URL, agent.cookie, body), 400, 'validation_failed', field);
    expectProblem(await t.call('PUT', URL, agent.cookie, '{"items":['), 400, 'malformed_json');
    expectProblem(await t.call('PUT', URL, agent.cookie, JSON.stringify({ items: [] }), { 'content-type': 'text/plain' }), 415, 'unsupported_media_type');
    expect(await rows(t, sql`select 1 from notification_preferences where user_id = ${agent.id}`)).toEqual([]);
  });

  it('leaves a kind no preference covers to the bell alone', async () => {
    const agent = await t.staff('agent');
    const ticket = await createTicket(t);
    await inTransaction(t.deps.db, (tx) => notifyUsers(t.deps, tx, null, [agent.id], 'something.new', ticket.id, { number: ticket.number }));
    expect((await bell(agent.cookie)).map((n) => n.kind)).toEqual(['something.new']);
    expect(await mailsOwed(agent.id)).toEqual([]);
  });
});
