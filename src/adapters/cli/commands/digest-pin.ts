import { UserFacingError } from '../../../core/errors.js';
import { parseWeekKey } from '../../../core/newsletter/week-key.js';
import type { CliCommand } from '../cli-types.js';
import { exitCodeOf, parseArgs, UsageError, withNewsletter } from './newsletter-cli-support.js';

const usage = 'tutor digest pin --week 2026-W48 [--concept SLUG] [--use-case SLUG] | --clear';

/** `tutor digest pin`: chooses a coming week's concept and/or use case instead of the automatic pick. */
export const digestPinCommand: CliCommand = {
  name: 'digest pin',
  summary: "Pin a coming week's concept and/or use case (or --clear the pin)",
  usage,
  run: (args, ctx) =>
    exitCodeOf(ctx, async () => {
      const { positional, options, switches } = parseArgs(
        args,
        { options: ['week', 'concept', 'use-case'], switches: ['clear'] },
        usage,
      );
      if (positional.length > 0 || !options.has('week'))
        throw new UsageError(`Say which week. Usage: ${usage}`);
      const weekKey = parseWeekKey(options.get('week')!);
      const conceptSlug = options.get('concept') ?? null;
      const useCaseSlug = options.get('use-case') ?? null;
      if (!switches.has('clear') && !conceptSlug && !useCaseSlug)
        throw new UsageError(`Give --concept, --use-case or both, or --clear. Usage: ${usage}`);
      return withNewsletter(ctx, async ({ digests }, container) => {
        if (switches.has('clear')) {
          ctx.io.stdout(
            (await digests.clearPin(weekKey))
              ? `Cleared the pin for ${weekKey}.\n`
              : `${weekKey} had no pin.\n`,
          );
          return 0;
        }
        const library = container.content.store.current();
        if (conceptSlug && !library.conceptBySlug.has(conceptSlug))
          throw new UserFacingError(
            'PIN_UNKNOWN',
            `There is no concept "${conceptSlug}". Slugs are the file names in content/concepts without .md.`,
          );
        if (useCaseSlug && !library.useCaseBySlug.has(useCaseSlug))
          throw new UserFacingError(
            'PIN_UNKNOWN',
            `There is no use case "${useCaseSlug}". Slugs are the file names in content/use-cases without .md.`,
          );
        const issue = await digests.findIssue(weekKey);
        if (issue && issue.status !== 'skipped')
          throw new UserFacingError(
            'PIN_TOO_LATE',
            `The issue for ${weekKey} already exists (${issue.conceptSlug} + ${issue.useCaseSlug}); a pin only applies to issues not created yet.`,
          );
        await digests.setPin({ weekKey, conceptSlug, useCaseSlug });
        ctx.io.stdout(
          `Pinned ${[conceptSlug && `concept ${conceptSlug}`, useCaseSlug && `use case ${useCaseSlug}`].filter(Boolean).join(' and ')} for ${weekKey}.\n`,
        );
        return 0;
      });
    }),
};
