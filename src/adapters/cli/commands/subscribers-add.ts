import type { CliCommand } from '../cli-types.js';
import { exitCodeOf, parseArgs, UsageError, withNewsletter } from './newsletter-cli-support.js';

const usage = 'tutor subscribers add EMAIL [--consent SOURCE]';

/**
 * `tutor subscribers add`: without --consent, starts double opt-in (a
 * confirmation email, like the web form); with --consent, adds the address as
 * active and records SOURCE as where its consent came from.
 */
export const subscribersAddCommand: CliCommand = {
  name: 'subscribers add',
  summary: 'Subscribe an address (confirmation email, or active with --consent SOURCE)',
  usage,
  run: (args, ctx) =>
    exitCodeOf(ctx, async () => {
      const { positional, options } = parseArgs(args, { options: ['consent'] }, usage);
      if (positional.length !== 1) throw new UsageError(`Give exactly one address. Usage: ${usage}`);
      const email = positional[0]!;
      const consent = options.get('consent');
      return withNewsletter(ctx, async ({ subscriptions }) => {
        if (!consent) {
          const { message } = await subscriptions.subscribe({ email, source: 'cli' });
          ctx.io.stdout(`${message}\n`);
          return 0;
        }
        const result = await subscriptions.addConsented({ email, consentSource: consent });
        const says = {
          added: `Added ${result.email} as active (consent: ${consent}).`,
          activated: `Activated ${result.email}, which had not confirmed yet (consent: ${consent}).`,
          'already-active': `${result.email} is already subscribed; nothing changed.`,
          suppressed: `${result.email} unsubscribed or bounced earlier, so it was not re-added. Only the person can subscribe again, through the confirmation email (run without --consent).`,
        } as const;
        ctx.io.stdout(`${says[result.outcome]}\n`);
        return result.outcome === 'suppressed' ? 1 : 0;
      });
    }),
};
