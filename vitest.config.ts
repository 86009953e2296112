import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Integration files spend much of their time waiting on PostgreSQL, SQLite's disk and sockets, so
 * one per core finishes sooner than Vitest's default of cores − 1 (one file at a time on two
 * cores). Both projects of a group must name the same count.
 */
const UNIT_AND_INTEGRATION_WORKERS = Math.max(2, availableParallelism());

/**
 * Tiers: unit (pure logic), integration (real database: SQLite always, PostgreSQL when
 * TEST_DATABASE_URL is set), end-to-end (real Chromium against a real server process), and scale
 * (several server processes on PostgreSQL and Redis, which it stops and restarts). Groups run one
 * after another, so the scale tests' restarts of the machine's PostgreSQL and Redis cannot hit a
 * test in another file, and the browser tests do not share the two cores with the rest.
 */
export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/**/*.int.test.ts', 'test/**/*.scale.test.ts'],
          maxWorkers: UNIT_AND_INTEGRATION_WORKERS,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.int.test.ts'],
          // Test timeouts only end hung tests: generous, so a busy machine cannot fail the suite.
          testTimeout: 60_000,
          hookTimeout: 60_000,
          maxWorkers: UNIT_AND_INTEGRATION_WORKERS,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: {
          name: 'scale',
          include: ['test/**/*.scale.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
