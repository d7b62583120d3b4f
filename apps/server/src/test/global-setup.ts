import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openPglite } from '../platform/db/client.js';
import { migrate } from '../platform/db/migrate.js';

declare module 'vitest' {
  export interface ProvidedContext {
    dbDriver: 'pglite' | 'postgres';
    pgliteDump: string;
    pgTemplate: string;
  }
}

const TMP = path.resolve('.tmp');

/** Migrates once per run; every test file then starts from a copy of that migrated database. */
export default async function setup(project: TestProject) {
  const driver = project.config.provide?.dbDriver ?? 'pglite';
  fs.mkdirSync(TMP, { recursive: true });
  if (driver === 'pglite') {
    const db = await openPglite();
    await migrate(db);
    const dump = await db.pglite!.dumpDataDir('none');
    const file = path.join(TMP, `pglite-template-${process.pid}.tar`);
    fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    await db.close();
    project.provide('pgliteDump', file);
    return () => fs.rmSync(file, { force: true });
  }
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  const template = `kefu_tpl_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${template}`);
  const { openPostgres } = await import('../platform/db/client.js');
  const db = await openPostgres(withDatabase(url, template), 2);
  await migrate(db);
  await db.close();
  project.provide('pgTemplate', template);
  return async () => {
    // Test files drop their own databases; sweep what a crashed worker left, then the template.
    const left = await admin.query<{ datname: string }>(`select datname from pg_database where datname like $1`, [`${template}_%`]);
    for (const r of left.rows) await admin.query(`drop database if exists ${r.datname} with (force)`);
    await admin.query(`drop database if exists ${template} with (force)`);
    await admin.end();
  };
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
