import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openTestDatabase } from '../../test/test-database.js';
import type { Database } from './client.js';
import { executeNamed } from './named-query.js';
import { inTransaction } from './transaction.js';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

describe('executeNamed', () => {
  it('runs a statement with its parameters and returns rows as execute does', async () => {
    for (const n of [1, 2, 3]) {
      const { rows } = await executeNamed<{ n: number; doubled: string }>(database.db, 'kefu_test_double', sql`select ${n}::int as n, (${n}::int * 2)::text as doubled`);
      expect(rows).toEqual([{ n, doubled: String(n * 2) }]);
    }
  });

  it.runIf(inject('dbDriver') === 'postgres')('prepares it once per connection on PostgreSQL, in a transaction too', async () => {
    const names = await inTransaction(database.db, async (tx) => {
      await executeNamed(tx, 'kefu_test_prepared', sql`select ${'x'}::text as x`);
      await executeNamed(tx, 'kefu_test_prepared', sql`select ${'y'}::text as x`);
      return (await tx.execute<{ name: string }>(sql`select name from pg_prepared_statements`)).rows.map((r) => r.name);
    });
    expect(names).toContain('kefu_test_prepared');
  });
});
