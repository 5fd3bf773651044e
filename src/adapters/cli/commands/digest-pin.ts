import type { Command } from 'commander';
import { parseWeekKey } from '../../../core/newsletter/week-key.js';
import { examples } from '../cli-help.js';
import type { CliContext } from '../cli-types.js';
import { UsageError, withNewsletter } from './newsletter-cli-support.js';

/**
 * `tutor digest pin`: chooses a coming week's concept and/or use case instead
 * of the automatic pick, through the digest service like the admin console: a
 * pin the picker cannot use is refused and the previous pin stays.
 */
export function registerDigestPin(digest: Command, ctx: CliContext): void {
  digest
    .command('pin')
    .summary("Pin a coming week's concept and/or use case (or --clear the pin)")
    .description(
      "Choose a coming week's concept and/or use case instead of the automatic pick, or --clear the pin. Only for issues not created yet; a pin that cannot make an issue (a concept without a linked use case) is refused and the previous pin stays. Slugs are the file names in content/concepts and content/use-cases without .md.",
    )
    .requiredOption('--week <week>', 'ISO week such as 2026-W48')
    .option('--concept <slug>', 'the concept to send that week')
    .option('--use-case <slug>', 'the use case to send that week')
    .option('--clear', 'remove the pin: the week is picked automatically again')
    .addHelpText(
      'after',
      examples(
        'tutor digest pin --week 2026-W49 --concept temperature',
        'tutor digest pin --week 2026-W49 --concept token --use-case cost-forecasting',
        'tutor digest pin --week 2026-W49 --clear',
      ),
    )
    .action(
      ctx.action(async (options: { week: string; concept?: string; useCase?: string; clear?: boolean }) => {
        const weekKey = parseWeekKey(options.week);
        const conceptSlug = options.concept ?? null;
        const useCaseSlug = options.useCase ?? null;
        if (!options.clear && !conceptSlug && !useCaseSlug)
          throw new UsageError(
            'Give --concept, --use-case or both, or --clear. Usage: tutor digest pin --week 2026-W48 [--concept SLUG] [--use-case SLUG] | --clear',
          );
        return withNewsletter(ctx, async ({ digest }) => {
          if (options.clear) {
            ctx.io.stdout(
              (await digest.unpin(weekKey))
                ? `Cleared the pin for ${weekKey}.\n`
                : `${weekKey} had no pin.\n`,
            );
            return 0;
          }
          // The same call as the admin console: slugs and week checked, and the old pin put back when unusable.
          const { pin } = await digest.pin({ weekKey, conceptSlug, useCaseSlug });
          ctx.io.stdout(
            `Pinned ${[pin.conceptSlug && `concept ${pin.conceptSlug}`, pin.useCaseSlug && `use case ${pin.useCaseSlug}`].filter(Boolean).join(' and ')} for ${weekKey}.\n`,
          );
          return 0;
        });
      }),
    );
}
