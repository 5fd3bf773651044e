import type { Command } from 'commander';
import { examples } from '../cli-help.js';
import type { CliContext } from '../cli-types.js';
import { registerSubscribersAdd } from './subscribers-add.js';
import { registerSubscribersExport } from './subscribers-export.js';
import { registerSubscribersImport } from './subscribers-import.js';
import { registerSubscribersRemove } from './subscribers-remove.js';

/** `tutor subscribers …`: the digest's subscriber list and consent records. */
export function registerSubscribers(program: Command, ctx: CliContext): void {
  const subscribers = program
    .command('subscribers')
    .summary('The subscriber list: add, import, export, remove')
    .description(
      "The digest's subscribers and their consent records (docs/newsletter.md). These commands open the database, so on the embedded PGlite stop the service first.",
    )
    .addHelpText(
      'after',
      examples(
        'tutor subscribers add ada@example.com',
        'tutor subscribers import people.csv --consent "signup-sheet-2026-05"',
        'tutor subscribers export --out subscribers.csv',
      ),
    );
  registerSubscribersAdd(subscribers, ctx);
  registerSubscribersImport(subscribers, ctx);
  registerSubscribersExport(subscribers, ctx);
  registerSubscribersRemove(subscribers, ctx);
}
