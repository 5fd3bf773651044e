import type { CliCommand } from '../cli-types.js';
import { exitCodeOf, parseArgs, UsageError, withNewsletter } from './newsletter-cli-support.js';

const usage = 'tutor subscribers remove EMAIL [--erase]';

/**
 * `tutor subscribers remove`: unsubscribes (the record stays, so no later
 * import re-adds the address); `--erase` deletes the address and its history
 * instead, for a deletion request.
 */
export const subscribersRemoveCommand: CliCommand = {
  name: 'subscribers remove',
  summary: 'Unsubscribe an address, or erase it and its history with --erase',
  usage,
  run: (args, ctx) =>
    exitCodeOf(ctx, async () => {
      const { positional, switches } = parseArgs(args, { switches: ['erase'] }, usage);
      if (positional.length !== 1) throw new UsageError(`Give exactly one address. Usage: ${usage}`);
      return withNewsletter(ctx, async ({ subscriptions }) => {
        const erase = switches.has('erase');
        const { email, found } = await subscriptions.remove({ email: positional[0]!, erase });
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
};
