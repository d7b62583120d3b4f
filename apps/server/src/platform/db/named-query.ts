/*
 * A statement sent under a name. node-postgres then parses it once per connection, and PostgreSQL
 * keeps its plan (a generic one after five runs, when that costs no more than a fresh one), where an
 * unnamed statement is parsed and planned again on every run. Worth it for a long statement of
 * constant text run many times a second: for the batched ticket insert, parsing and planning were
 * 45% of its time in the database. The text under one name must never change (node-postgres refuses
 * a second text for a name), so only statements whose values all travel as parameters qualify.
 * PGlite ignores the name.
 *
 * drizzle's `db.execute` has no name, so this goes one level down to its session, the same call
 * `execute` makes.
 */
import type { SQL } from 'drizzle-orm';
import type { Executor } from './client.js';

interface SessionLike {
  session: { prepareQuery(query: { sql: string; params: unknown[] }, fields: undefined, name: string, arrayMode: boolean): { execute(): Promise<unknown> } };
  dialect: { sqlToQuery(sql: SQL): { sql: string; params: unknown[] } };
}

export async function executeNamed<T>(db: Executor, name: string, query: SQL): Promise<{ rows: T[] }> {
  const { session, dialect } = db as unknown as SessionLike;
  return (await session.prepareQuery(dialect.sqlToQuery(query), undefined, name, false).execute()) as { rows: T[] };
}
