import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { openPostgres } from '../platform/db/client.js';
import { migrate } from '../platform/db/migrate.js';
import { withDatabase } from './global-setup.js';
import { ok } from './factories.js';
import { createTestApp, PASSWORD, type TestApp } from './test-app.js';

const onPostgres = inject('dbDriver') === 'postgres';

/** Invalidations travel by NOTIFY, so the other instance sees them a moment after commit. */
async function eventually(check: () => Promise<boolean>, what: string) {
  for (let i = 0; i < 100; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`never happened: ${what}`);
}

describe.skipIf(!onPostgres)('two app instances on one PostgreSQL', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    a = await createTestApp();
    b = await createTestApp({}, { database: await openPostgres(a.database.url!, 3) });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('honours a session made on the other instance', async () => {
    const agent = await a.staff('agent');
    const res = await b.call('GET', '/api/v1/me', agent.cookie);
    expect(res.statusCode).toBe(200);
    expect(res.json().user.id).toBe(agent.id);
  });

  it('ends sessions on every instance when a user is deactivated', async () => {
    const agent = await a.staff('agent');
    expect((await b.call('GET', '/api/v1/me', agent.cookie)).statusCode).toBe(200); // now cached on b
    expect((await a.call('PATCH', `/api/v1/users/${agent.id}`, await a.adminSession(), { active: false })).statusCode).toBe(200);
    await eventually(async () => (await b.call('GET', '/api/v1/me', agent.cookie)).statusCode === 401, 'b rejects the session');
  });

  it('logs out everywhere and revokes tokens everywhere', async () => {
    const agent = await a.staff('agent');
    const created = await a.call('POST', '/api/v1/tokens', agent.cookie, { name: 'sync' });
    const bearer = `Bearer ${created.json().secret}`;
    expect((await b.call('GET', '/api/v1/me', bearer)).statusCode).toBe(200);
    expect((await b.call('GET', '/api/v1/me', agent.cookie)).statusCode).toBe(200);
    expect((await a.call('DELETE', `/api/v1/tokens/${created.json().token.id}`, agent.cookie)).statusCode).toBe(204);
    await eventually(async () => (await b.call('GET', '/api/v1/me', bearer)).statusCode === 401, 'b rejects the revoked token');
    expect((await a.call('POST', '/api/v1/auth/logout', agent.cookie)).statusCode).toBe(204);
    await eventually(async () => (await b.call('GET', '/api/v1/me', agent.cookie)).statusCode === 401, 'b rejects the ended session');
  });

  it('fires an SLA warning and escalation exactly once while both instances sweep the timers', async () => {
    const admin = await a.adminSession();
    await ok(a, 201, 'POST', '/api/v1/sla-policies', admin, {
      name: '双实例协议', conditions: { tags: ['双实例'] }, targets: { first_response: { minutes: 60, businessTime: false } },
      escalations: [{ target: 'first_response', atPercent: 50, notify: ['assignee'] }, { target: 'first_response', atPercent: 100, notify: ['managers'], raiseToLevel: 1 }],
    });
    const agent = await a.staff('agent');
    const customer = await ok(a, 201, 'POST', '/api/v1/customers', admin, { name: '双实例客户' });
    // The other instance hears of the new policy through NOTIFY before it opens the ticket.
    await eventually(async () => (await b.call('GET', '/api/v1/sla-policies', admin)).json().items.length > 0, 'policy visible on b');
    const ticket = await ok(b, 201, 'POST', '/api/v1/tickets', admin, { subject: '两台服务器', tags: ['双实例'], requesterId: customer.id, assigneeId: agent.id });
    expect(ticket.sla.policyName).toBe('双实例协议');
    for (const minutes of [30, 30]) {
      a.clock.advance(minutes * 60_000);
      b.clock.advance(minutes * 60_000);
      // Both instances sweep at once, twice each: the row lock and the fired marks make it once.
      await Promise.all([a.deps.jobs.runDue(), b.deps.jobs.runDue(), a.deps.jobs.runDue(), b.deps.jobs.runDue()]);
    }
    const timeline = await ok(a, 200, 'GET', `/api/v1/tickets/${ticket.id}/timeline`, admin);
    const types = timeline.items.map((i: { type?: string }) => i.type).filter(Boolean);
    expect(types.filter((x: string) => x === 'sla.warning')).toHaveLength(1);
    expect(types.filter((x: string) => x === 'sla.breached')).toHaveLength(1);
    expect(types.filter((x: string) => x === 'ticket.escalated')).toHaveLength(1);
    expect((await ok(b, 200, 'GET', `/api/v1/tickets/${ticket.id}`, admin)).escalationLevel).toBe(1);
  });

  it('shows a profile change made on one instance on the other', async () => {
    const agent = await a.staff('agent');
    expect((await b.call('GET', '/api/v1/me', agent.cookie)).json().user.locale).toBe('zh-CN');
    expect((await a.call('PATCH', '/api/v1/me', agent.cookie, { locale: 'en' })).statusCode).toBe(200);
    await eventually(async () => (await b.call('GET', '/api/v1/me', agent.cookie)).json().user.locale === 'en', 'b shows the new locale');
    expect((await a.login(agent.email, PASSWORD)).statusCode).toBe(200);
  });
});

describe.skipIf(!onPostgres)('instances starting together', () => {
  it('migrate an empty database once, whoever comes first', async () => {
    const url = process.env.TEST_DATABASE_URL!;
    const name = `${inject('pgTemplate')}_race`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const dbs = await Promise.all([1, 2, 3].map(() => openPostgres(withDatabase(url, name), 2)));
    try {
      const applied = await Promise.all(dbs.map((db) => migrate(db)));
      const total = applied.reduce((n, list) => n + list.length, 0);
      const { rows } = await dbs[0]!.db.execute<{ n: number }>(sql`select count(*)::int as n from kefu_migrations`);
      expect(total).toBe(rows[0]!.n);
      expect(applied.filter((list) => list.length > 0)).toHaveLength(1);
    } finally {
      for (const db of dbs) await db.close();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  });
});
