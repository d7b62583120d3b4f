/*
 * The JobQueue: durable background jobs in PostgreSQL (pg-boss), the same on PGlite and on a
 * PostgreSQL server, so a single-process install and a fleet of instances behave alike.
 *
 * Why it is shaped this way:
 * - pg-boss stores and locks the jobs (FOR UPDATE SKIP LOCKED: one instance gets each job), but
 *   Kefu runs its own small fetch loop instead of `boss.work()`: pg-boss polls at 500 ms at best,
 *   fires `complete` without awaiting it and cannot run "what is due now" on demand. Our loop polls
 *   at `pollMs`, awaits every completion, lets `stop()` wait for running handlers, and gives tests
 *   `runDue()` so they never sleep.
 * - Delivery is at least once: a handler that outlives its job's expiry (15 min by default), or an
 *   instance that dies mid-job, leads to a retry. Handlers must be idempotent — modules keep their
 *   deadlines and sync state on their own rows and re-check them in the handler.
 * - Payloads are validated with zod on send (a bug in the caller fails loudly, in the request) and on
 *   receive (a job written by an older release fails instead of running on a wrong shape). They are
 *   stored as JSON, so schemas must round-trip through JSON: ISO strings, not Dates.
 * - `startAfter` is turned into a delay measured on the app's clock and added to the database's
 *   `now()`: instance/database clock skew cannot fire a job early, and a test's ManualClock means
 *   the same thing to the queue as to the services. Tests that move their clock forward run the
 *   scheduled jobs with `runDue({ includeScheduled: true })`; the handler checks the row's deadline.
 * - `singletonKey` means "at most one job with this key waiting to run": pg-boss's standard queues
 *   do not enforce it, so `send` checks under a transaction-scoped advisory lock.
 */
import { sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import PgBoss from 'pg-boss';
import type { ZodType } from 'zod';
import { systemClock, type Clock } from '../clock.js';
import type { Database, Executor } from '../db/client.js';
import { executorBossDb, pgliteBossDb, sqlLiteral } from './pg-boss-db.js';

const SCHEMA = 'pgboss';
/** verb-noun, e.g. close-ticket, poll-mailbox. */
const JOB_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)+$/;
const QUEUE_CREATION_LOCK = 0x6b656677; // beside migrations' 0x6b656675

export interface JobContext {
  readonly jobId: string;
  /** 1 on the first run, 2 on the first retry, … */
  readonly attempt: number;
  readonly log: FastifyBaseLogger;
}

export type JobHandler<T> = (payload: T, ctx: JobContext) => Promise<void>;

export interface JobOptions {
  /** Retries after the first failure; default 5. */
  retryLimit?: number;
  /** Seconds before a retry, doubled each time (with jitter) unless `retryBackoff` is false; default 10. */
  retryDelaySeconds?: number;
  retryBackoff?: boolean;
  /** A run that takes longer counts as failed and is retried; default 15 minutes. */
  expireInSeconds?: number;
  /** Jobs one instance runs at once for this name; default 1. */
  concurrency?: number;
}

export interface SendOptions {
  /** Not before this moment of the app clock. */
  startAfter?: Date;
  /** At most one job with this key waits to run; a second send returns null. */
  singletonKey?: string;
  retryLimit?: number;
  /** Insert inside this transaction: the job exists only if it commits. */
  tx?: Executor;
}

export interface JobDefinition<T> {
  readonly name: string;
  readonly payload: ZodType<T>;
}

export interface JobQueue {
  /** Registers a job on every instance (all may send); handlers run only where `start()` was called. */
  defineJob<T>(name: string, payload: ZodType<T>, handler: JobHandler<T>, options?: JobOptions): JobDefinition<T>;
  /**
   * Registers a sweep: a handler that looks for due rows itself (deadlines stored on rows, e.g.
   * `tickets.sla_next_at`) and returns how many it handled. Worker instances run it every `everyMs`,
   * and again at once while it reports work; runDue() runs it until it reports none. The handler
   * must lock what it handles (FOR UPDATE SKIP LOCKED) so instances share the work.
   */
  defineSweep(name: string, everyMs: number, handler: () => Promise<number>): void;
  /** Returns the job's id, or null when `singletonKey` found a job already waiting. */
  send<T>(job: JobDefinition<T> | string, payload: T, options?: SendOptions): Promise<string | null>;
  /** Cancels a job that has not finished; false if it had already finished or does not exist. */
  cancel(name: string, id: string): Promise<boolean>;
  /** Starts the fetch loops and maintenance; call only on instances with the `worker` role. */
  start(): Promise<void>;
  /** Stops fetching, waits up to `graceMs` for running handlers, then closes pg-boss. */
  stop(graceMs?: number): Promise<void>;
  /**
   * Runs, on this instance and now, every job that is due (or, with includeScheduled, every waiting
   * job) until none is left; returns how many handler runs there were. For tests and scripts.
   */
  runDue(options?: { name?: string; includeScheduled?: boolean }): Promise<number>;
  /**
   * Brings every waiting job `ms` closer, for tests that move their clock forward by `ms`: a job
   * then comes due when the app clock reaches the instant it was booked for, and runDue() (without
   * includeScheduled) runs exactly those — timers are tested at, not before, their time.
   */
  shiftSchedule(ms: number): Promise<void>;
}

export class JobPayloadError extends Error {
  constructor(
    readonly job: string,
    readonly issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>,
  ) {
    super(`invalid payload for job ${job}: ${issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  }
}

interface Registered {
  name: string;
  payload: ZodType<unknown>;
  handler: JobHandler<unknown>;
  options: Required<JobOptions>;
}

export interface JobQueueOptions {
  log: FastifyBaseLogger;
  /** How often an idle worker looks for due jobs; default 2000 ms. Tests use a few ms. */
  pollMs?: number;
  clock?: Clock;
  /** How often a worker archives finished jobs and expires stuck ones; default 60 s. */
  maintenanceMs?: number;
  /** PostgreSQL only: connections pg-boss may open for fetching and completing jobs; default 3. */
  poolSize?: number;
}

export async function openJobQueue(database: Database, options: JobQueueOptions): Promise<JobQueue> {
  const { log, pollMs = 2000, clock = systemClock, maintenanceMs = 60_000 } = options;
  const boss = database.pglite
    ? new PgBoss({ db: pgliteBossDb(database.pglite), schema: SCHEMA, supervise: false, schedule: false })
    : new PgBoss({
        connectionString: requireUrl(database),
        max: options.poolSize ?? 3,
        application_name: 'kefu-jobs',
        schema: SCHEMA,
        supervise: false,
        schedule: false,
      });
  boss.on('error', (err: unknown) => log.error({ err }, 'job queue error'));
  // Installs or upgrades pg-boss's own schema under its advisory lock; instances may race here.
  await boss.start();

  const jobs = new Map<string, Registered>();
  const createdQueues = new Set<string>();
  let running: { loops: Promise<void>[]; wake: Set<() => void>; maintenance: NodeJS.Timeout } | undefined;
  let stopping = false;

  /**
   * pg-boss keeps one partition per queue. Its create_queue is idempotent but two instances creating
   * the same new queue at once deadlock (CREATE TABLE and ATTACH PARTITION), so creators take turns
   * under an advisory lock. It runs on the caller's connection when given: on PGlite another
   * connection would wait for the caller's transaction forever.
   */
  const createQueueIn = async (exec: Executor, name: string) => {
    const found = await exec.execute(sql`select 1 from ${sql.raw(SCHEMA)}.queue where name = ${name}`);
    if (found.rows.length > 0) return;
    await exec.execute(sql`select pg_advisory_xact_lock(${QUEUE_CREATION_LOCK})`);
    await exec.execute(sql.raw(`select ${SCHEMA}.create_queue(${sqlLiteral(name)}, ${sqlLiteral({ policy: 'standard' })}::json)`));
  };
  const ensureQueue = async (name: string) => {
    if (createdQueues.has(name)) return;
    await database.db.transaction((tx) => createQueueIn(tx, name));
    createdQueues.add(name);
  };

  const definition = (job: JobDefinition<unknown> | string) => {
    const name = typeof job === 'string' ? job : job.name;
    const found = jobs.get(name);
    if (!found) throw new Error(`unknown job ${name}: define it before sending`);
    return found;
  };

  const runOne = async (def: Registered, job: PgBoss.JobWithMetadata<unknown>) => {
    const ctx: JobContext = { jobId: job.id, attempt: job.retryCount + 1, log: log.child({ job: def.name, jobId: job.id }) };
    try {
      const parsed = def.payload.safeParse(job.data);
      if (!parsed.success) throw new JobPayloadError(def.name, parsed.error.issues);
      await def.handler(parsed.data, ctx);
      await boss.complete(def.name, job.id);
    } catch (err) {
      ctx.log.warn({ err, attempt: ctx.attempt, retryLimit: job.retryLimit }, 'job failed');
      // If even this fails the job stays active until maintenance expires it, and is then retried.
      await boss.fail(def.name, job.id, { message: err instanceof Error ? err.message : String(err) }).catch((e: unknown) =>
        ctx.log.error({ err: e }, 'could not record a job failure'),
      );
    }
  };

  /** Fetches one batch and runs it; the number of jobs it ran. */
  const runBatch = async (def: Registered, includeScheduled = false) => {
    await ensureQueue(def.name);
    const batch = await boss.fetch<unknown>(def.name, {
      batchSize: def.options.concurrency,
      includeMetadata: true,
      ignoreStartAfter: includeScheduled,
    });
    await Promise.all(batch.map((job) => runOne(def, job)));
    return batch.length;
  };

  const sweeps = new Map<string, { everyMs: number; handler: () => Promise<number> }>();

  /**
   * Runs `step` until stopping: again at once while it reports work, else after `everyMs` or when
   * this instance sends a job (wake). Job fetch loops and sweeps both poll this way.
   */
  const pollLoop = async (what: Record<string, string>, everyMs: number, step: () => Promise<number>, wake: Set<() => void>) => {
    while (!stopping) {
      let done = 0;
      try {
        done = await step();
      } catch (err) {
        log.error({ err, ...what }, 'job poll failed');
      }
      if (done > 0 || stopping) continue;
      await new Promise<void>((resolve) => {
        const woken = () => {
          clearTimeout(timer);
          wake.delete(woken);
          resolve();
        };
        const timer = setTimeout(woken, everyMs);
        wake.add(woken);
      });
    }
  };

  return {
    defineJob<T>(name: string, payload: ZodType<T>, handler: JobHandler<T>, opts: JobOptions = {}): JobDefinition<T> {
      if (!JOB_NAME.test(name)) throw new Error(`job name ${name} must be verb-noun in kebab-case, e.g. close-ticket`);
      if (jobs.has(name)) throw new Error(`job ${name} is defined twice`);
      if (running) throw new Error(`job ${name} was defined after the queue started`);
      jobs.set(name, {
        name,
        payload: payload as ZodType<unknown>,
        handler: handler as JobHandler<unknown>,
        options: {
          retryLimit: opts.retryLimit ?? 5,
          retryDelaySeconds: opts.retryDelaySeconds ?? 10,
          retryBackoff: opts.retryBackoff ?? true,
          expireInSeconds: opts.expireInSeconds ?? 15 * 60,
          concurrency: opts.concurrency ?? 1,
        },
      });
      return { name, payload };
    },

    defineSweep(name, everyMs, handler) {
      if (!JOB_NAME.test(name)) throw new Error(`sweep names are verb-noun: ${name}`);
      if (sweeps.has(name) || jobs.has(name)) throw new Error(`${name} is defined twice`);
      sweeps.set(name, { everyMs, handler });
    },

    async send(job, payload, opts = {}) {
      const def = definition(job as JobDefinition<unknown> | string);
      const parsed = def.payload.safeParse(payload);
      if (!parsed.success) throw new JobPayloadError(def.name, parsed.error.issues);
      const delaySeconds = opts.startAfter ? (opts.startAfter.getTime() - clock.now().getTime()) / 1000 : 0;
      const bossOptions = {
        retryLimit: opts.retryLimit ?? def.options.retryLimit,
        retryDelay: def.options.retryDelaySeconds,
        retryBackoff: def.options.retryBackoff,
        expireInSeconds: def.options.expireInSeconds,
        // pg-boss adds a number of seconds to the database's now(); see the top of this file.
        ...(delaySeconds > 0 ? { startAfter: Math.ceil(delaySeconds * 1000) / 1000 } : {}),
        ...(opts.singletonKey !== undefined ? { singletonKey: opts.singletonKey } : {}),
      };
      const insert = async (exec: Executor): Promise<string | null> => {
        // Remembered only once committed: a creation rolled back with the caller's transaction is redone.
        if (!createdQueues.has(def.name)) await createQueueIn(exec, def.name);
        if (opts.singletonKey !== undefined) {
          await exec.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`kefu-job:${def.name}:${opts.singletonKey}`}, 0))`);
          const waiting = await exec.execute(sql`select 1 from ${sql.raw(SCHEMA)}.job
            where name = ${def.name} and singleton_key = ${opts.singletonKey} and state in ('created', 'retry') limit 1`);
          if (waiting.rows.length > 0) return null;
        }
        return boss.send(def.name, parsed.data as object, { ...bossOptions, db: executorBossDb(exec) });
      };
      const id = opts.tx ? await insert(opts.tx) : await database.db.transaction((tx) => insert(tx));
      if (!opts.tx) createdQueues.add(def.name);
      // A job sent outside a transaction is visible now: let this instance's idle loop pick it up.
      if (!opts.tx && running) for (const wake of running.wake) wake();
      return id;
    },

    async cancel(name, id) {
      if (!jobs.has(name)) throw new Error(`unknown job ${name}`);
      if (!/^[0-9a-f-]{36}$/i.test(id)) return false;
      const result = (await boss.cancel(name, id)) as unknown as { affected?: number } | undefined;
      return (result?.affected ?? 0) > 0;
    },

    async start() {
      if (running) return;
      stopping = false;
      for (const def of jobs.values()) await ensureQueue(def.name);
      const wake = new Set<() => void>();
      const loops = [
        ...[...jobs.values()].map((def) => pollLoop({ job: def.name }, pollMs, () => runBatch(def), wake)),
        ...[...sweeps].map(([name, sweep]) => pollLoop({ sweep: name }, sweep.everyMs, sweep.handler, wake)),
      ];
      const maintenance = setInterval(() => {
        boss.maintain().catch((err: unknown) => log.error({ err }, 'job maintenance failed'));
      }, maintenanceMs);
      maintenance.unref();
      running = { loops, wake, maintenance };
    },

    async stop(graceMs = 30_000) {
      stopping = true;
      if (running) {
        const { loops, wake, maintenance } = running;
        clearInterval(maintenance);
        for (const w of [...wake]) w();
        let timer: NodeJS.Timeout | undefined;
        const settled = await Promise.race([
          Promise.all(loops).then(() => true),
          new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), graceMs))),
        ]);
        clearTimeout(timer);
        // Jobs still running stay active; once they expire another worker retries them.
        if (!settled) log.warn('job handlers still running at shutdown');
        running = undefined;
      }
      await boss.stop({ graceful: false, close: true });
    },

    async shiftSchedule(ms) {
      await database.db.execute(sql`update ${sql.raw(SCHEMA)}.job set start_after = start_after - make_interval(secs => ${ms / 1000})
        where state in ('created', 'retry')`);
    },

    async runDue({ name, includeScheduled = false } = {}) {
      const defs = name ? [definition(name)] : [...jobs.values()];
      let total = 0;
      for (let round = 0; round < 10_000; round++) {
        let ran = 0;
        for (const def of defs) ran += await runBatch(def, includeScheduled);
        if (!name) for (const sweep of sweeps.values()) ran += await sweep.handler();
        total += ran;
        if (ran === 0) return total;
      }
      throw new Error('runDue: jobs keep arriving; a handler probably sends its own job again');
    },
  };
}

function requireUrl(database: Database): string {
  if (!database.url) throw new Error('a PostgreSQL database needs its URL for the job queue');
  return database.url;
}
