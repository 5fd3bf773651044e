import { type DbSubcommand, runDbCommand } from '../../db/db-commands.js';
import type { CliCommand } from '../cli-types.js';

const command = (sub: DbSubcommand, summary: string, usage: string): CliCommand => ({
  name: `db ${sub}`,
  summary,
  usage,
  run: (args, { io, config }) => {
    const cfg = config();
    return runDbCommand(sub, args, {
      url: cfg.DATABASE_URL,
      dataDir: cfg.DATA_DIR,
      out: (line) => io.stdout(`${line}\n`),
    });
  },
});

/** `tutor db deploy|status|diff`: migrations without the Prisma CLI's engine download. */
export const dbCommands: readonly CliCommand[] = [
  command('deploy', 'Apply pending database migrations', 'tutor db deploy'),
  command('status', 'Show which migrations are applied or pending', 'tutor db status'),
  command('diff', 'Write a migration for changes to prisma/schema.prisma', 'tutor db diff --name NAME'),
];
