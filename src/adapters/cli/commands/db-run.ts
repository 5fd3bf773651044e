import type { DbSubcommand } from '../../db/db-commands.js';
import type { CliContext } from '../cli-types.js';

/**
 * Runs one `tutor db` subcommand on the configured database. The migration
 * engine (WebAssembly) and the drivers load here, only for these commands.
 */
export async function runDb(ctx: CliContext, sub: DbSubcommand, args: string[] = []): Promise<number> {
  const cfg = await ctx.config(sub === 'diff' ? [] : ['data']);
  const { runDbCommand } = await import('../../db/db-commands.js');
  return runDbCommand(sub, args, {
    url: cfg.DATABASE_URL,
    dataDir: cfg.DATA_DIR,
    out: (line) => ctx.io.stdout(`${line}\n`),
  });
}
