/*
 * pg-boss talks to the database through a tiny `executeSql(text, values)` contract. These adapters
 * fit it to Kefu's two drivers:
 *
 * - PGlite has one connection and no pool, so pg-boss cannot open its own: its queries go to the
 *   embedded engine. PGlite's `query` uses the extended protocol (one statement only), while pg-boss
 *   installs and migrates its schema with multi-statement text that has no parameters; such text
 *   goes through `exec`, the simple protocol.
 * - Inserting a job inside the caller's drizzle transaction: drizzle does not expose the
 *   transaction's raw client, and translating pg-boss's `$n` placeholders into drizzle parameters
 *   does not work because pg-boss reuses one untyped parameter in places that want different types
 *   (text in `right($5, 1)`, timestamptz in `CAST($5 ...)`), which a driver must bind separately.
 *   So the values are written into the statement as literals. Strings are typed `::text`: an untyped
 *   literal inside a CAST is converted while the statement is parsed, even in a CASE arm that will
 *   not be taken (`CAST('60' as timestamptz)` fails), whereas a text value is cast only when that
 *   arm runs, as a parameter would be. Every string becomes an E'' literal with backslashes and
 *   quotes doubled, which is safe whatever `standard_conforming_strings` says, and the text is
 *   rewritten in one pass so a `$2` inside a value is never read as a placeholder.
 */
import { sql } from 'drizzle-orm';
import type { PGlite } from '@electric-sql/pglite';
import type { Executor } from '../db/client.js';

export interface PgBossDb {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

export function pgliteBossDb(pglite: PGlite): PgBossDb {
  return {
    executeSql: async (text, values) => {
      if (values && values.length > 0) {
        const result = await pglite.query<Record<string, unknown>>(text, values);
        return { rows: result.rows };
      }
      const results = await pglite.exec(text);
      return { rows: (results.at(-1)?.rows ?? []) as Record<string, unknown>[] };
    },
  };
}

/** Runs pg-boss's statements on a drizzle executor (a transaction or the database). */
export function executorBossDb(exec: Executor): PgBossDb {
  return {
    executeSql: async (text, values = []) => {
      const result = await exec.execute<Record<string, unknown>>(sql.raw(inlineParams(text, values)));
      return { rows: result.rows };
    },
  };
}

export function inlineParams(text: string, values: readonly unknown[]): string {
  return text.replace(/\$(\d+)/g, (_, n: string) => {
    const index = Number(n) - 1;
    if (index < 0 || index >= values.length) throw new Error(`statement refers to $${n} but has ${values.length} values`);
    return sqlLiteral(values[index]);
  });
}

export function sqlLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('cannot write a non-finite number into SQL');
    return String(value);
  }
  if (value instanceof Date) return quote(value.toISOString());
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'object') return quote(JSON.stringify(value));
  throw new Error(`cannot write a ${typeof value} into SQL`);
}

function quote(s: string): string {
  // PostgreSQL text cannot hold NUL; refusing here beats a confusing error from the server.
  if (s.includes('\u0000')) throw new Error('text contains a NUL character');
  return `E'${s.replace(/\\/g, '\\\\').replace(/'/g, "''")}'::text`;
}
