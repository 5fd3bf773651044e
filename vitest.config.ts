import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Builds the migrated PGlite dump and PostgreSQL template once per run.
    globalSetup: ['test/setup/global-db.ts'],
    // PGlite is WASM with a large heap; separate processes keep test files from sharing it.
    pool: 'forks',
    testTimeout: 30_000,
    // The last line is a plain "N passed, N failed" that CI can read.
    reporters: ['default', './test/setup/summary-reporter.ts'],
    hookTimeout: 60_000,
  },
});
