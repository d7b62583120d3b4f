import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.js';
import type { Clock } from './clock.js';
import type { Database, Db } from './db/client.js';
import type { JobQueue } from './jobs/index.js';
import type { RealtimeBus } from './realtime/bus.js';

/** What every service and job is given: the database, the clock, the config and a logger. */
export interface AppDeps {
  readonly database: Database;
  readonly db: Db;
  readonly clock: Clock;
  readonly realtime: RealtimeBus;
  readonly jobs: JobQueue;
  readonly config: Config;
  readonly log: FastifyBaseLogger;
}
