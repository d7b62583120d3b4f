import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { createTeam, createTicket, expectProblem, ok } from '../../test/factories.js';

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.adminSession();
});
afterAll(() => t.close());

describe('complaints', () => {
  it('forces urgent priority and alerts supervisors for safety or group impact', async () => {
    const supervisor = await t.staff('supervisor');
    const agent = await t.staff('agent');
    const c = await ok(t, 201, 'POST', '/api/v1/tickets', agent.cookie, {
      subject: '电暖器冒烟', type: 'complaint', priority: 'low', requester: { name: '赵女士', email: 'zhao@example.com' },
      complaint: { category: 'product_quality', impact: 'safety' },
    });
    expect(c.priority).toBe('urgent');
    expect(c.complaint).toMatchObject({ category: 'product_quality', impact: 'safety', confirmation: null });
    const bell = await ok(t, 200, 'GET', '/api/v1/notifications?unread=true', supervisor.cookie);
    expect(bell.items.some((n: { kind: string; ticketId: string }) => n.kind === 'complaint.urgent' && n.ticketId === c.id)).toBe(true);
    const lowered = await ok(t, 200, 'PATCH', `/api/v1/tickets/${c.id}`, agent.cookie, { priority: 'low' });
    expect(lowered.priority).toBe('urgent');
  });

  it('closes only with a remedy and the customer confirmation (or a reasoned unreachable)', async () => {
    const c = await createTicket(t, { type: 'complaint', complaint: { category: 'delivery_delay' } });
    await ok(t, 200, 'PATCH', `/api/v1/tickets/${c.id}`, admin, { status: 'resolved' });
    const refused = await t.call('PATCH', `/api/v1/tickets/${c.id}`, admin, { status: 'closed' });
    expectProblem(refused, 409, 'conflict', 'complaint.remedies');
    expect(refused.json().errors.map((e: { field: string }) => e.field)).toContain('complaint.confirmation');
    await ok(t, 200, 'PATCH', `/api/v1/tickets/${c.id}`, admin, { complaint: { remedies: ['compensation'], remedyNote: '补偿优惠券 50 元' } });
    expectProblem(await t.call('POST', `/api/v1/tickets/${c.id}/complaint/confirmation`, admin, { outcome: 'unreachable' }), 400, 'validation_failed', 'note');
    await ok(t, 200, 'POST', `/api/v1/tickets/${c.id}/complaint/confirmation`, admin, { outcome: 'unreachable', note: '三次致电无人接听' });
    const closed = await ok(t, 200, 'PATCH', `/api/v1/tickets/${c.id}`, admin, { status: 'closed' });
    expect(closed.complaint).toMatchObject({ confirmation: 'unreachable', remedies: ['compensation'] });
  });

  it('schedules a follow-up when resolved; "not satisfied" reopens the complaint', async () => {
    const agent = await t.staff('agent');
    const c = await createTicket(t, { type: 'complaint', assigneeId: agent.id, complaint: { remedies: ['refund'] } });
    await ok(t, 200, 'PATCH', `/api/v1/tickets/${c.id}`, agent.cookie, { status: 'resolved' });
    const mine = await ok(t, 200, 'GET', '/api/v1/follow-ups', agent.cookie);
    const f = mine.items.find((x: { ticketId: string }) => x.ticketId === c.id);
    expect(f).toMatchObject({ status: 'open', ownerId: agent.id, ticketNumber: c.number });
    expect(new Date(f.dueAt).getTime()).toBe(t.clock.now().getTime() + t.deps.config.followUpHours * 3_600_000);
    const done = await ok(t, 200, 'POST', `/api/v1/follow-ups/${f.id}/complete`, agent.cookie, { outcome: 'not_satisfied', note: '退款未到账' });
    expect(done).toMatchObject({ status: 'done', outcome: 'not_satisfied' });
    expect((await ok(t, 200, 'GET', `/api/v1/tickets/${c.id}`, agent.cookie)).status).toBe('open');
    expectProblem(await t.call('POST', `/api/v1/follow-ups/${f.id}/complete`, agent.cookie, { outcome: 'satisfied' }), 409, 'conflict');
    const customer = await t.customerUser();
    expectProblem(await t.call('GET', '/api/v1/follow-ups', customer.cookie), 403, 'forbidden');
  });

  it('archives the lesson as a draft note once root cause and remedy are known', async () => {
    const c = await createTicket(t, { type: 'complaint' });
    expectProblem(await t.call('POST', `/api/v1/tickets/${c.id}/complaint/lesson`, admin), 409, 'conflict', 'complaint.rootCause');
    await ok(t, 200, 'PATCH', `/api/v1/tickets/${c.id}`, admin, { complaint: { rootCause: '仓库打包流程缺少易碎品标识', remedies: ['replacement', 'process_change'] } });
    const archived = await ok(t, 201, 'POST', `/api/v1/tickets/${c.id}/complaint/lesson`, admin);
    expect(archived.ticket.complaint.lessonArchivedAt).not.toBeNull();
    const timeline = await ok(t, 200, 'GET', `/api/v1/tickets/${c.id}/timeline`, admin);
    expect(timeline.items.some((i: { type?: string }) => i.type === 'complaint.lesson_archived')).toBe(true);
    expectProblem(await t.call('POST', `/api/v1/tickets/${(await createTicket(t)).id}/complaint/lesson`, admin), 409, 'conflict');
  });
});

describe('assignment', () => {
  it('round-robins over available members, skipping those marked away', async () => {
    const [a, b, c] = [await t.staff('agent'), await t.staff('agent'), await t.staff('agent')];
    const team = await ok(t, 201, 'POST', '/api/v1/teams', admin, { name: '技术支持-轮流', assignmentMode: 'round_robin', memberIds: [a.id, b.id, c.id] });
    await ok(t, 200, 'PATCH', `/api/v1/users/${b.id}`, admin, { away: true });
    const owners = [];
    for (let i = 0; i < 4; i++) owners.push((await createTicket(t, { teamId: team.id })).assigneeId);
    expect(new Set(owners)).toEqual(new Set([a.id, c.id]));
    expect(owners[0]).not.toBe(owners[1]);
    expect(owners[0]).toBe(owners[2]);
  });

  it('gives work to the member with the fewest open tickets', async () => {
    const [a, b] = [await t.staff('agent'), await t.staff('agent')];
    const team = await ok(t, 201, 'POST', '/api/v1/teams', admin, { name: '售后-最少', assignmentMode: 'least_open', memberIds: [a.id, b.id] });
    await createTicket(t, { teamId: team.id, assigneeId: a.id });
    await createTicket(t, { teamId: team.id, assigneeId: a.id });
    expect((await createTicket(t, { teamId: team.id })).assigneeId).toBe(b.id);
  });

  it('transfers across teams with one owner, and one of two simultaneous grabs wins', async () => {
    const [a, b] = [await t.staff('agent'), await t.staff('agent')];
    const from = await createTeam(t, { memberIds: [a.id, b.id] });
    const to = await ok(t, 201, 'POST', '/api/v1/teams', admin, { name: '物流-转派', assignmentMode: 'round_robin', memberIds: [b.id] });
    const ticket = await createTicket(t, { teamId: from.id });
    const grabs = await Promise.all([a, b].map((x) => t.call('PATCH', `/api/v1/tickets/${ticket.id}`, x.cookie, { assigneeId: x.id })));
    expect(grabs.map((g) => g.statusCode).sort()).toEqual([200, 409]);
    const loser = grabs.find((g) => g.statusCode === 409)!;
    expect(loser.json().current.assigneeId).toBe(grabs.find((g) => g.statusCode === 200)!.json().assigneeId);
    const moved = await ok(t, 200, 'PATCH', `/api/v1/tickets/${ticket.id}`, admin, { teamId: to.id });
    expect(moved).toMatchObject({ teamId: to.id, assigneeId: b.id });
    const timeline = await ok(t, 200, 'GET', `/api/v1/tickets/${ticket.id}/timeline`, admin);
    const transfer = timeline.items.filter((i: { type?: string }) => i.type === 'ticket.updated').at(-1);
    expect(transfer.data.changes.teamId).toEqual([from.id, to.id]);
    expectProblem(await t.call('PATCH', `/api/v1/tickets/${ticket.id}`, admin, { assigneeId: a.id }, { 'if-match': `"${moved.version}"` }), 400, 'validation_failed', 'assigneeId');
  });
});
