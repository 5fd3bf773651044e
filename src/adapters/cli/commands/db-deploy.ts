import type { Command } from 'commander';
import { examples } from '../cli-help.js';
import type { CliContext } from '../cli-types.js';
import { runDb } from './db-run.js';

/** `tutor db deploy`: applies pending migrations without the Prisma CLI's engine download. */
export function registerDbDeploy(db: Command, ctx: CliContext): void {
  db.command('deploy')
    .summary('Apply pending database migrations')
    .description(
      'Apply the pending migrations in prisma/migrations to DATABASE_URL (default: the embedded PGlite in DATA_DIR/pg, created if missing). Safe to run on several replicas at once.',
    )
    .addHelpText(
      'after',
      examples('tutor db deploy', [
        'DATABASE_URL=postgresql://tutor:secret@db:5432/tutor tutor db deploy',
        'a PostgreSQL server',
      ]),
    )
    .action(ctx.action(() => runDb(ctx, 'deploy')));
}
