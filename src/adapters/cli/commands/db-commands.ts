import type { Command } from 'commander';
import { examples } from '../cli-help.js';
import type { CliContext } from '../cli-types.js';
import { registerDbDeploy } from './db-deploy.js';
import { registerDbDiff } from './db-diff.js';
import { registerDbStatus } from './db-status.js';

/** `tutor db …`: migrations without the Prisma CLI's engine download. */
export function registerDb(program: Command, ctx: CliContext): void {
  const db = program
    .command('db')
    .summary('The database: deploy, status, diff')
    .description(
      'Database migrations, run by the project itself (no Prisma engine download): on the embedded PGlite in DATA_DIR/pg by default, or on DATABASE_URL.',
    )
    .addHelpText('after', examples('tutor db status', 'tutor db deploy'));
  registerDbDeploy(db, ctx);
  registerDbStatus(db, ctx);
  registerDbDiff(db, ctx);
}
