import type { Command } from 'commander';
import { examples } from '../cli-help.js';
import type { CliContext } from '../cli-types.js';
import { runDb } from './db-run.js';

/** `tutor db status`: which migrations are applied or pending; exit 1 when not up to date. */
export function registerDbStatus(db: Command, ctx: CliContext): void {
  db.command('status')
    .summary('Show which migrations are applied or pending')
    .description(
      'Show which migrations are applied, pending, failed or edited. Exit code 0 when up to date, 1 otherwise; changes nothing.',
    )
    .addHelpText('after', examples('tutor db status'))
    .action(ctx.action(() => runDb(ctx, 'status')));
}
