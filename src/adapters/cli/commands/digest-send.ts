import { parseEmailAddress } from '../../../core/newsletter/email-address.js';
import type { CliCommand } from '../cli-types.js';
import { formatRun } from './digest-format.js';
import {
  exitCodeOf,
  parseArgs,
  rejectPositional,
  weekOption,
  withNewsletter,
} from './newsletter-cli-support.js';

const usage = 'tutor digest send [--week 2026-W48] [--to ADDRESS]';

/**
 * `tutor digest send`: runs the idempotent job now for a week (default: this
 * week), ignoring the catch-up cutoff; running it again sends nothing new.
 * `--to` sends one test copy to that address and records nothing.
 */
export const digestSendCommand: CliCommand = {
  name: 'digest send',
  summary: "Run this week's digest job now (idempotent), or --to ADDRESS for a test copy",
  usage,
  run: (args, ctx) =>
    exitCodeOf(ctx, async () => {
      const parsed = parseArgs(args, { options: ['week', 'to'] }, usage);
      rejectPositional(parsed, usage);
      const weekKey = weekOption(parsed);
      const { options } = parsed;
      const to = options.has('to') ? parseEmailAddress(options.get('to')!) : undefined;
      return withNewsletter(ctx, async (newsletter) => {
        for (const warning of newsletter.warnings) ctx.io.stderr(`warning: ${warning}\n`);
        if (to) {
          const result = await newsletter.digest.sendTest({ to, ...(weekKey ? { weekKey } : {}) });
          if (result.status === 'failed') {
            ctx.io.stderr(`The test copy was not sent (${result.kind}): ${result.error}\n`);
            return 1;
          }
          ctx.io.stdout(
            `Sent a test copy to ${to} via ${newsletter.mailer.description} (${result.response}). Nothing was recorded.\n`,
          );
          return 0;
        }
        const report = await newsletter.digest.runNow(weekKey ? { weekKey } : {});
        ctx.io.stdout(`${formatRun(report)}\n`);
        return report.delivery.stopped ? 1 : 0;
      });
    }),
};
