import type { Command } from 'commander';
import { examples } from '../cli-help.js';
import type { CliContext } from '../cli-types.js';
import { registerContentCheck } from './content-check.js';

/** `tutor content …`: the content library. */
export function registerContent(program: Command, ctx: CliContext): void {
  const content = program
    .command('content')
    .summary('The content library: check')
    .description('Work with the content library (concepts/ and use-cases/ under CONTENT_DIR).')
    .addHelpText('after', examples('tutor content check'));
  registerContentCheck(content, ctx);
}
