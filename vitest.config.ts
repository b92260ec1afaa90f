import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['apps/**/src/**/*.test.ts', 'packages/**/src/**/*.test.ts', 'apps/web/e2e/**/*.test.ts'],
    // PGlite instances are large; two workers match the two cores of the reference machine.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    globalSetup: ['apps/server/src/test/global-setup.ts'],
  },
});
