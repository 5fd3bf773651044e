#!/usr/bin/env node
import { createConsoleLogger } from './adapters/log/console-logger.js';
import { withEnvFile } from './config/env-file.js';
import type { Config } from './config/env-schema.js';
import { loadConfig } from './config/load-config.js';
import { ConfigError, ContentError, errorFields } from './core/errors.js';
import { APOLOGY_GRACE_MS, startService } from './start-service.js';

let config: Config;
let envFile: string | null = null;
try {
  // `.env` in the working directory, under the environment (which wins); process.env itself is left alone.
  const loaded = withEnvFile(process.env, process.cwd());
  envFile = loaded.file;
  config = loadConfig(loaded.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
const logger = createConsoleLogger({ level: config.LOG_LEVEL, json: config.LOG_FORMAT === 'json' });
if (envFile) logger.info(`read settings from ${envFile} (variables set in the environment win)`);

// Last line of defence: a handler bug must be logged, not take every conversation down with it.
process.on('unhandledRejection', (reason) =>
  logger.error('unhandled promise rejection', errorFields(reason)),
);
process.on('uncaughtException', (error) =>
  logger.error('uncaught exception', { error: error.stack ?? String(error) }),
);

try {
  const service = await startService({ config, logger });
  let stopping = false;
  const shutdown = (signal: string) => {
    // A second Ctrl-C means "now": exit without waiting for the drain.
    if (stopping) process.exit(1);
    stopping = true;
    logger.info(
      `received ${signal}; shutting down (waiting up to ${config.SHUTDOWN_DRAIN_SECONDS} s for work in flight)`,
    );
    // The drain is bounded by SHUTDOWN_DRAIN_SECONDS plus the apology grace; this only guards against a hang after it.
    const force = setTimeout(
      () => process.exit(1),
      config.SHUTDOWN_DRAIN_SECONDS * 1000 + APOLOGY_GRACE_MS + 10_000,
    );
    force.unref();
    void service.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error('shutdown failed', errorFields(error));
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
} catch (error) {
  const message =
    error instanceof ContentError || error instanceof ConfigError
      ? error.message
      : error instanceof Error
        ? (error.stack ?? error.message)
        : String(error);
  logger.error(`startup failed: ${message}`);
  process.exit(1);
}
