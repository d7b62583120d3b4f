import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { Database } from './client.js';

const MIGRATION_LOCK = 0x6b656675; // "kefu"

interface JournalEntry {
  idx: number;
  tag: string;
}

/** Where drizzle-kit writes migrations; the build copies them beside the bundle. */
export function defaultMigrationsDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.join(here, 'migrations'), path.resolve(here, '../../../migrations')];
  const found = candidates.find((p) => fs.existsSync(path.join(p, 'meta', '_journal.json')));
  if (!found) throw new Error(`migrations folder not found (looked in ${candidates.join(', ')})`);
  return found;
}

/**
 * Applies drizzle-kit's SQL migrations in journal order, each in its own transaction, recording
 * name and checksum. Holding a cluster-wide lock lets several instances start at once on one
 * PostgreSQL: the first migrates, the others wait and find nothing left to do.
 */
export async function migrate(database: Database, dir = defaultMigrationsDir()): Promise<string[]> {
  const journal = JSON.parse(fs.readFileSync(path.join(dir, 'meta', '_journal.json'), 'utf8')) as {
    entries: JournalEntry[];
  };
  const entries = [...journal.entries].sort((a, b) => a.idx - b.idx);
  return database.withLock(MIGRATION_LOCK, async (exec) => {
    await exec(`create table if not exists kefu_migrations (
      name text primary key, checksum text not null, applied_at timestamptz not null default now())`);
    const applied = new Map<string, string>();
    const result = await database.db.execute<{ name: string; checksum: string }>(
      sql`select name, checksum from kefu_migrations`,
    );
    for (const row of result.rows) applied.set(row.name, row.checksum);
    const done: string[] = [];
    for (const entry of entries) {
      const text = fs.readFileSync(path.join(dir, `${entry.tag}.sql`), 'utf8');
      const checksum = createHash('sha256').update(text).digest('hex');
      const previous = applied.get(entry.tag);
      if (previous !== undefined) {
        if (previous !== checksum) throw new Error(`migration ${entry.tag} was changed after it was applied`);
        continue;
      }
      const statements = text.split('--> statement-breakpoint').join('\n');
      try {
        await exec(`begin;\n${statements}\n;insert into kefu_migrations (name, checksum) values ('${entry.tag}', '${checksum}');\ncommit;`);
      } catch (err) {
        await exec('rollback').catch(() => undefined);
        throw new Error(`migration ${entry.tag} failed: ${(err as Error).message}`, { cause: err });
      }
      done.push(entry.tag);
    }
    return done;
  });
}
