import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { citext } from '@electric-sql/pglite/contrib/citext';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from '../../schema.js';

export type Schema = typeof schema;
/** One type for both drivers: they share drizzle's pg-core query builder. */
export type Db = NodePgDatabase<Schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Code that works inside or outside a transaction. */
export type Executor = Db | Tx;

export interface Database {
  readonly db: Db;
  readonly driver: 'pglite' | 'postgres';
  /** The server's connection string (PostgreSQL only), for connections of its own such as LISTEN. */
  readonly url?: string;
  /** Runs SQL text without parameters, several statements allowed (migrations, test set-up). */
  exec(sqlText: string): Promise<void>;
  /** Runs `fn` holding a cluster-wide lock, so concurrent instances take turns (migrations, seeding). */
  withLock<T>(key: number, fn: (exec: (sqlText: string) => Promise<void>) => Promise<T>): Promise<T>;
  ping(): Promise<void>;
  close(): Promise<void>;
  /** The embedded engine, for tests that dump or load its data directory. */
  readonly pglite?: PGlite;
}

const lockTails = new Map<number, Promise<unknown>>();

/** Runs `fn` after every earlier holder of `key` in this process has finished. */
function localLock<T>(key: number, fn: () => Promise<T>): Promise<T> {
  const prev = lockTails.get(key) ?? Promise.resolve();
  const run = prev.then(fn, fn);
  const tail = run.catch(() => undefined);
  lockTails.set(key, tail);
  void tail.then(() => {
    if (lockTails.get(key) === tail) lockTails.delete(key);
  });
  return run;
}

export const pgliteExtensions = { citext, pg_trgm };

/**
 * PGlite's stock 128 MB of shared buffers costs ~800 MB of resident memory in WebAssembly; a
 * help desk's working set fits in far less, and the OS page cache holds the rest.
 */
export async function openPglite(options: { dataDir?: string; loadDataDir?: Blob | File; sharedBuffers?: string } = {}): Promise<Database> {
  if (options.dataDir) fs.mkdirSync(options.dataDir, { recursive: true });
  const client = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    extensions: pgliteExtensions,
    postgresqlconf: `shared_buffers=${options.sharedBuffers ?? '32MB'}`,
  });
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  const exec = async (sqlText: string) => {
    await client.exec(sqlText);
  };
  return {
    db,
    driver: 'pglite',
    exec,
    // One embedded engine serves one process: a process-local queue is the whole lock.
    withLock: (key, fn) => localLock(key, () => fn(exec)),
    ping: async () => {
      await client.query('select 1');
    },
    close: () => client.close(),
    pglite: client,
  };
}

export async function openPostgres(url: string, poolSize = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, application_name: 'kefu' });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it. Queries in flight get their own error.
  });
  const db = drizzlePg(pool, { schema });
  return {
    db,
    driver: 'postgres',
    url,
    exec: async (sqlText) => {
      await pool.query(sqlText);
    },
    withLock: async (key, fn) => {
      const conn = await pool.connect();
      try {
        await conn.query('select pg_advisory_lock($1)', [key]);
        try {
          return await fn(async (sqlText) => {
            await conn.query(sqlText);
          });
        } finally {
          await conn.query('select pg_advisory_unlock($1)', [key]);
        }
      } finally {
        conn.release();
      }
    },
    ping: async () => {
      await pool.query('select 1');
    },
    close: () => pool.end(),
  };
}

/** PostgreSQL server when `databaseUrl` is set, otherwise the embedded engine in `dataDir/pglite`. */
export function openDatabase(cfg: { databaseUrl: string | undefined; dataDir: string; databasePoolSize: number; pgliteSharedBuffers: string }) {
  return cfg.databaseUrl
    ? openPostgres(cfg.databaseUrl, cfg.databasePoolSize)
    : openPglite({ dataDir: path.join(cfg.dataDir, 'pglite'), sharedBuffers: cfg.pgliteSharedBuffers });
}
