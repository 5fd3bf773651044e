import type { Command } from 'commander';
import { examples } from '../cli-help.js';
import type { CliContext } from '../cli-types.js';
import { withNewsletter } from './newsletter-cli-support.js';

/**
 * `tutor subscribers remove`: unsubscribes (the record stays, so no later
 * import re-adds the address); `--erase` deletes the address and its history
 * instead, for a deletion request.
 */
export function registerSubscribersRemove(subscribers: Command, ctx: CliContext): void {
  subscribers
    .command('remove')
    .summary('Unsubscribe an address, or erase it and its history with --erase')
    .description(
      'Unsubscribe an address. Its record stays, so no later import re-adds it; --erase deletes the address, its consent record and its delivery history instead (for a deletion request).',
    )
    .argument('<email>', 'the address to remove')
    .option('--erase', 'delete the address and its history instead of unsubscribing it')
    .addHelpText(
      'after',
      examples('tutor subscribers remove ada@example.com', [
        'tutor subscribers remove ada@example.com --erase',
        'a deletion request',
      ]),
    )
    .action(
      ctx.action(async (address: string, options: { erase?: boolean }) => {
        return withNewsletter(ctx, async ({ subscribers }) => {
          const erase = options.erase === true;
          const { email, found } = await subscribers.remove({ email: address, erase });
          if (!found) {
            ctx.io.stdout(`${email} is not on the list; nothing to do.\n`);
            return 0;
          }
          ctx.io.stdout(
            erase
              ? `Erased ${email}, its consent record and its delivery history.\n`
              : `Unsubscribed ${email}. Its record stays, so imports will not re-add it; use --erase to delete it.\n`,
          );
          return 0;
        });
      }),
    );
}
