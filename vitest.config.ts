import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Builds the migrated PGlite dump and PostgreSQL template once per run.
    globalSetup: ['test/setup/global-db.ts'],
    // PGlite is WASM with a large heap; separate processes keep test files from sharing it.
    pool: 'forks',
    // Vitest's default is one worker per core minus one: a single worker on a 2-core CI machine.
    // Most files wait on a database, SMTP or a browser, so two workers keep both cores busy.
    maxWorkers: 2,
    // Timeouts only catch hangs: a test that opens a database on a machine at load 20+
    // (parallel CI jobs, a laptop compiling) can take well over 30 s and must stay green.
    testTimeout: 120_000,
    // The last line is a plain "N passed, N failed" that CI can read.
    reporters: ['default', './test/setup/summary-reporter.ts'],
    hookTimeout: 180_000,
    // expect.poll gives up after 1 s by default, which a loaded machine turns into a red test:
    // a poll waits for something that will happen, so only a hang should end it.
    expect: { poll: { timeout: 60_000 } },
  },
});
