import { defineConfig } from 'vitest/config';

/**
 * Three tiers: unit (pure logic), integration (real database: SQLite always, PostgreSQL when
 * TEST_DATABASE_URL is set) and end-to-end (real Chromium against a real server process).
 */
export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: ['test/**/*.int.test.ts'] },
      },
      {
        extends: true,
        test: { name: 'integration', include: ['test/**/*.int.test.ts'], testTimeout: 20_000 },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
