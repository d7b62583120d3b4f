import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { openPglite, openPostgres, type Database } from '../platform/db/client.js';
import { withDatabase } from './global-setup.js';

/**
 * A private, already-migrated database for one test file: a PGlite loaded from the run's dump, or
 * a PostgreSQL database created from the run's template. Closing it drops it.
 */
export async function openTestDatabase(): Promise<Database> {
  if (inject('dbDriver') === 'pglite') {
    const dump = fs.readFileSync(inject('pgliteDump'));
    return openPglite({ loadDataDir: new Blob([dump]) });
  }
  const url = process.env.TEST_DATABASE_URL!;
  const template = inject('pgTemplate');
  const name = `${template}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`create database ${name} template ${template}`);
  } finally {
    await admin.end();
  }
  const db = await openPostgres(withDatabase(url, name), 5);
  return {
    ...db,
    close: async () => {
      await db.close();
      const a = new pg.Client({ connectionString: url });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}
