import type { Command } from 'commander';
import { examples } from '../cli-help.js';
import type { CliContext } from '../cli-types.js';
import { withNewsletter } from './newsletter-cli-support.js';

/**
 * `tutor subscribers add`: without --consent, starts double opt-in (a
 * confirmation email, like the web form); with --consent, adds the address as
 * active and records SOURCE as where its consent came from.
 */
export function registerSubscribersAdd(subscribers: Command, ctx: CliContext): void {
  subscribers
    .command('add')
    .summary('Subscribe an address (confirmation email, or active with --consent SOURCE)')
    .description(
      'Subscribe an address. Without --consent it gets a confirmation email, as from the web form; with --consent it is added as active and SOURCE is recorded as where its consent came from. An address that unsubscribed or bounced is never re-added.',
    )
    .argument('<email>', 'the address to subscribe')
    .option('--consent <source>', 'add as active; record where the person agreed, e.g. "conference-2026"')
    .addHelpText(
      'after',
      examples(
        ['tutor subscribers add ada@example.com', 'sends a confirmation email'],
        ['tutor subscribers add ada@example.com --consent "signup-sheet-2026-05"', 'active at once'],
      ),
    )
    .action(
      ctx.action(async (email: string, options: { consent?: string }) => {
        const consent = options.consent;
        return withNewsletter(ctx, async ({ subscriptions, subscribers }) => {
          if (!consent) {
            const { message } = await subscriptions.subscribe({ email, source: 'cli' });
            ctx.io.stdout(`${message}\n`);
            return 0;
          }
          const result = await subscribers.add({ email, consentSource: consent });
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
    );
}
