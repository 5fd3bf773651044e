import type { Command } from 'commander';
import { examples } from '../cli-help.js';
import type { CliContext } from '../cli-types.js';
import { registerBouncesImport } from './bounces-import.js';

/** `tutor bounces …`: bounces and complaints from providers without webhooks. */
export function registerBounces(program: Command, ctx: CliContext): void {
  const bounces = program
    .command('bounces')
    .summary('Bounces and complaints: import a provider CSV export')
    .description(
      'Bounces and complaints that suppress addresses (docs/newsletter.md). Webhooks record them as they happen; these commands load a provider CSV export instead. They open the database, so on the embedded PGlite stop the service first.',
    )
    .addHelpText('after', examples('tutor bounces import bounces.csv --provider generic --dry-run'));
  registerBouncesImport(bounces, ctx);
}
