import { sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { z } from 'zod';
import { ManualClock } from '../clock.js';
import { openPostgres, type Database } from '../db/client.js';
import { openTestDatabase } from '../../test/test-database.js';
import { JobPayloadError, openJobQueue, type JobQueue } from './index.js';

const log = pino({ level: 'silent' }) as unknown as FastifyBaseLogger;
const onPostgres = inject('dbDriver') === 'postgres';
const payload = z.object({ ticketId: z.string().min(1), note: z.string().optional() });

/** Workers poll, so a started queue handles a job a moment after it is sent. */
async function eventually(check: () => boolean | Promise<boolean>, what: string) {
  for (let i = 0; i < 400; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`never happened: ${what}`);
}

async function jobState(database: Database, id: string) {
  const { rows } = await database.db.execute<{ state: string }>(sql`select state::text as state from pgboss.job where id = ${id}`);
  return rows[0]?.state;
}

let database: Database;
let clock: ManualClock;
let queue: JobQueue;
const handled: Array<{ ticketId: string; note?: string | undefined; attempt: number }> = [];
const failuresLeft = new Map<string, number>();

beforeAll(async () => {
  database = await openTestDatabase();
  clock = new ManualClock(new Date());
  queue = await openJobQueue(database, { log, pollMs: 10, clock });
  queue.defineJob(
    'close-ticket',
    payload,
    async (p, ctx) => {
      const left = failuresLeft.get(p.ticketId) ?? 0;
      if (left > 0) {
        failuresLeft.set(p.ticketId, left - 1);
        throw new Error('mail server unavailable');
      }
      handled.push({ ...p, attempt: ctx.attempt });
    },
    { retryDelaySeconds: 0, retryBackoff: false, retryLimit: 2 },
  );
});
afterAll(async () => {
  await queue?.stop();
  await database?.close();
});

const handledFor = (ticketId: string) => handled.filter((h) => h.ticketId === ticketId);

describe('job queue', () => {
  it('handles a sent job exactly once', async () => {
    const id = await queue.send('close-ticket', { ticketId: 't-once' });
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await queue.runDue()).toBe(1);
    expect(await queue.runDue()).toBe(0);
    expect(handledFor('t-once')).toEqual([{ ticketId: 't-once', attempt: 1 }]);
    expect(await jobState(database, id!)).toBe('completed');
  });

  it('retries a handler that throws, and gives up after the retry limit', async () => {
    failuresLeft.set('t-flaky', 1);
    await queue.send('close-ticket', { ticketId: 't-flaky' });
    await queue.runDue();
    expect(handledFor('t-flaky')).toEqual([{ ticketId: 't-flaky', attempt: 2 }]);

    failuresLeft.set('t-broken', 10);
    const id = await queue.send('close-ticket', { ticketId: 't-broken' });
    expect(await queue.runDue()).toBe(3); // the first run and two retries
    expect(handledFor('t-broken')).toEqual([]);
    expect(await jobState(database, id!)).toBe('failed');
  });

  it('does not run a job before its startAfter', async () => {
    const id = await queue.send('close-ticket', { ticketId: 't-later' }, { startAfter: new Date(clock.now().getTime() + 3_600_000) });
    expect(await queue.runDue()).toBe(0);
    expect(handledFor('t-later')).toEqual([]);
    // The database's clock reaches the start time:
    await database.db.execute(sql`update pgboss.job set start_after = now() - interval '1 second' where id = ${id}`);
    expect(await queue.runDue()).toBe(1);
    expect(handledFor('t-later')).toHaveLength(1);
  });

  it('runs scheduled jobs on demand for tests that moved their clock', async () => {
    await queue.send('close-ticket', { ticketId: 't-sla' }, { startAfter: new Date(clock.now().getTime() + 8 * 3_600_000) });
    expect(await queue.runDue()).toBe(0);
    clock.advance(8 * 3_600_000);
    expect(await queue.runDue({ includeScheduled: true })).toBe(1);
    expect(handledFor('t-sla')).toHaveLength(1);
  });

  it('treats a startAfter in the past as now', async () => {
    await queue.send('close-ticket', { ticketId: 't-past' }, { startAfter: new Date(clock.now().getTime() - 60_000) });
    expect(await queue.runDue()).toBe(1);
  });

  it('rejects a bad payload at send and stores nothing', async () => {
    const before = await database.db.execute<{ n: number }>(sql`select count(*)::int as n from pgboss.job`);
    for (const bad of [{}, { ticketId: '' }, { ticketId: 42 }, null, 'close it', { ticketId: 'x', note: ['a'] }]) {
      await expect(queue.send('close-ticket', bad as never)).rejects.toBeInstanceOf(JobPayloadError);
    }
    await expect(queue.send('close-ticket', {} as never)).rejects.toThrow(/ticketId/);
    const after = await database.db.execute<{ n: number }>(sql`select count(*)::int as n from pgboss.job`);
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
  });

  it('refuses unknown jobs and badly named ones', async () => {
    await expect(queue.send('no-such-job', { ticketId: 'x' })).rejects.toThrow(/unknown job/);
    expect(() => queue.defineJob('CloseTicket', payload, async () => undefined)).toThrow(/verb-noun/);
    expect(() => queue.defineJob('close', payload, async () => undefined)).toThrow(/verb-noun/);
    expect(() => queue.defineJob('close-ticket', payload, async () => undefined)).toThrow(/twice/);
  });

  it('fails a stored job whose payload no longer matches the schema, without running the handler', async () => {
    const id = await queue.send('close-ticket', { ticketId: 't-old-shape' });
    await database.db.execute(sql`update pgboss.job set data = '{"ticket": 7}'::jsonb, retry_limit = 0 where id = ${id}`);
    expect(await queue.runDue()).toBe(1);
    expect(await jobState(database, id!)).toBe('failed');
    expect(handledFor('t-old-shape')).toEqual([]);
  });

  it('stores payload text exactly, quotes, backslashes and placeholders included', async () => {
    const note = `it's \\ "quoted" $1 $$ E'x' \u{1F600} 退款 ); drop table users; --`;
    await queue.send('close-ticket', { ticketId: 't-text', note });
    await queue.runDue();
    expect(handledFor('t-text')).toEqual([{ ticketId: 't-text', note, attempt: 1 }]);
  });

  it('sends inside a transaction: the job exists only if the transaction commits', async () => {
    await expect(
      database.db.transaction(async (tx) => {
        await queue.send('close-ticket', { ticketId: 't-rolled-back' }, { tx });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    await database.db.transaction(async (tx) => {
      await queue.send('close-ticket', { ticketId: 't-committed' }, { tx });
    });
    await queue.runDue();
    expect(handledFor('t-rolled-back')).toEqual([]);
    expect(handledFor('t-committed')).toHaveLength(1);
  });

  it('keeps one waiting job per singletonKey', async () => {
    const later = new Date(clock.now().getTime() + 3_600_000);
    const first = await queue.send('close-ticket', { ticketId: 't-single' }, { singletonKey: 'ticket:1', startAfter: later });
    const second = await queue.send('close-ticket', { ticketId: 't-single' }, { singletonKey: 'ticket:1', startAfter: later });
    const other = await queue.send('close-ticket', { ticketId: 't-single' }, { singletonKey: 'ticket:2', startAfter: later });
    expect(first).not.toBeNull();
    expect(second).toBeNull();
    expect(other).not.toBeNull();
    await queue.runDue({ includeScheduled: true });
    // Once the first has run, the key is free again.
    expect(await queue.send('close-ticket', { ticketId: 't-single' }, { singletonKey: 'ticket:1' })).not.toBeNull();
    await queue.runDue();
    expect(handledFor('t-single')).toHaveLength(3);
  });

  it('cancels a waiting job', async () => {
    const id = await queue.send('close-ticket', { ticketId: 't-cancel' }, { startAfter: new Date(clock.now().getTime() + 60_000) });
    expect(await queue.cancel('close-ticket', id!)).toBe(true);
    expect(await queue.cancel('close-ticket', id!)).toBe(false);
    expect(await queue.cancel('close-ticket', 'not-a-uuid')).toBe(false);
    expect(await queue.runDue({ includeScheduled: true })).toBe(0);
    expect(handledFor('t-cancel')).toEqual([]);
  });

  it('runs jobs in the background once started, and stop waits for a running handler', async () => {
    const other = await openJobQueue(database, { log, pollMs: 10, clock });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const seen: string[] = [];
    let finished = false;
    other.defineJob('poll-mailbox', z.object({ mailbox: z.string() }), async ({ mailbox }) => {
      seen.push(mailbox);
      if (mailbox === 'slow') {
        await gate;
        finished = true;
      }
    });
    await other.start();
    await other.send('poll-mailbox', { mailbox: 'support' });
    await eventually(() => seen.includes('support'), 'the worker ran the job');
    await other.send('poll-mailbox', { mailbox: 'slow' });
    await eventually(() => seen.includes('slow'), 'the slow job started');
    const stopped = other.stop();
    setTimeout(release, 50);
    await stopped;
    expect(finished).toBe(true);
    expect(seen).toEqual(['support', 'slow']);
  });
});

describe.skipIf(!onPostgres)('two queue instances on one PostgreSQL', () => {
  it('share 50 jobs, each handled exactly once in total', async () => {
    const second = await openPostgres(database.url!, 3);
    const counts = new Map<number, number>();
    const byInstance = [0, 0];
    const make = async (db: Database, index: number) => {
      const q = await openJobQueue(db, { log, pollMs: 5 });
      q.defineJob('send-reply', z.object({ n: z.number().int() }), async ({ n }) => {
        counts.set(n, (counts.get(n) ?? 0) + 1);
        byInstance[index]!++;
        await new Promise((r) => setTimeout(r, 2));
      }, { concurrency: 3 });
      return q;
    };
    const a = await make(database, 0);
    const b = await make(second, 1);
    try {
      await Promise.all([a.start(), b.start()]);
      for (let n = 0; n < 50; n++) await (n % 2 ? a : b).send('send-reply', { n });
      await eventually(() => counts.size === 50, 'all 50 jobs handled');
      await a.stop();
      await b.stop();
      expect([...counts.values()].every((c) => c === 1)).toBe(true);
      expect(byInstance[0]! + byInstance[1]!).toBe(50);
      const { rows } = await database.db.execute<{ state: string; n: number }>(
        sql`select state::text as state, count(*)::int as n from pgboss.job where name = 'send-reply' group by state`,
      );
      expect(rows).toEqual([{ state: 'completed', n: 50 }]);
    } finally {
      await a.stop();
      await b.stop();
      await second.close();
    }
  });
});
