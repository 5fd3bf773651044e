import type { Command } from 'commander';
import { examples } from '../cli-help.js';
import type { CliContext } from '../cli-types.js';
import { runDb } from './db-run.js';

/** `tutor db diff --name NAME`: writes a migration for changes to prisma/schema.prisma. */
export function registerDbDiff(db: Command, ctx: CliContext): void {
  db.command('diff')
    .summary('Write a migration for changes to prisma/schema.prisma')
    .description(
      'Compare prisma/schema.prisma with prisma/migrations (on an in-memory database) and write the difference as a new migration folder. For developers; review and commit the SQL.',
    )
    .requiredOption('--name <name>', 'what the migration does, e.g. add_feedback_reason')
    .addHelpText('after', examples('tutor db diff --name add_feedback_reason'))
    .action(ctx.action((options: { name: string }) => runDb(ctx, 'diff', ['--name', options.name])));
}
