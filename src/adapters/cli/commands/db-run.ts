import type { DbSubcommand } from '../../db/db-commands.js';
import type { CliContext } from '../cli-types.js';

/**
 * Runs one `tutor db` subcommand on the configured database. The migration
 * engine (WebAssembly) and the drivers load here, only for these commands.
 */
export async function runDb(ctx: CliContext, sub: DbSubcommand, args: string[] = []): Promise<number> {
  const cfg = await ctx.config(sub === 'diff' ? [] : ['data']);
  const [{ runDbCommand }, { createConsoleLogger }] = await Promise.all([
    import('../../db/db-commands.js'),
    import('../../log/console-logger.js'),
  ]);
  return runDbCommand(sub, args, {
    url: cfg.DATABASE_URL,
    dataDir: cfg.DATA_DIR,
    out: (line) => ctx.io.stdout(`${line}\n`),
    // Warnings only, e.g. why a new embedded database was created without the build's template.
    logger: createConsoleLogger({ level: 'warn', write: (line) => ctx.io.stderr(`${line}\n`) }),
  });
}
