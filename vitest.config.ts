import { defineConfig } from 'vitest/config';

const dbTests = ['apps/server/src/**/*.db.test.ts'];
const dbProject = (driver: 'pglite' | 'postgres') => ({
  test: {
    name: `db:${driver}`,
    include: dbTests,
    globalSetup: ['apps/server/src/test/global-setup.ts'],
    provide: { dbDriver: driver },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

/**
 * Unit tests run once; database tests run on embedded PGlite and, when TEST_DATABASE_URL is set,
 * again on that PostgreSQL server.
 */
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['apps/server/src/**/*.test.ts', 'packages/contracts/src/**/*.test.ts', 'apps/web/src/**/*.test.ts'], exclude: dbTests } },
      dbProject('pglite'),
      ...(process.env.TEST_DATABASE_URL ? [dbProject('postgres')] : []),
    ],
  },
});
