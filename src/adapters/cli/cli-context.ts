import type { Config } from '../../config/env-schema.js';
import { ConfigError } from '../../core/errors.js';
import { type CliEnvironment, notLocatedMessage, resolveCliEnvironment } from './cli-environment.js';
import type { CliContext, CliIo } from './cli-types.js';

/** A context plus the exit code its command resolved, for {@link runCli}. */
export interface CliRun {
  ctx: CliContext;
  /** Set when a command's action finished; undefined when none ran (help, usage errors). */
  exitCode(): number | undefined;
}

/** Builds the context of one `tutor` run: environment, `.env` and config are read on first use only. */
export function createCliContext(io: CliIo): CliRun {
  let environment: CliEnvironment | undefined;
  let config: Config | undefined;
  let exitCode: number | undefined;
  const ctx: CliContext = {
    io,
    async config(needs = []) {
      environment ??= resolveCliEnvironment({ env: io.env, cwd: io.cwd });
      const located = { content: environment.contentDir, data: environment.dataDir };
      const missing = needs
        .filter((need) => located[need] === null)
        .map((need) => (need === 'content' ? 'CONTENT_DIR' : 'DATA_DIR'));
      if (missing.length > 0) throw new ConfigError(notLocatedMessage(missing, io.cwd));
      // zod and the schema load here: `tutor --help` and usage errors never need them.
      config ??= (await import('../../config/load-config.js')).loadConfig(environment.env);
      return config;
    },
    action:
      (body) =>
      async (...args) => {
        exitCode = await body(...args);
      },
  };
  return { ctx, exitCode: () => exitCode };
}
