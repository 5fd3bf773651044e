import type { CliCommand } from '../cli-types.js';
import { formatDelivery, plural } from './digest-format.js';
import {
  exitCodeOf,
  parseArgs,
  rejectPositional,
  weekOption,
  withNewsletter,
} from './newsletter-cli-support.js';

const usage = 'tutor digest retry-failed [--week 2026-W48]';

/**
 * `tutor digest retry-failed`: failed deliveries of an issue (default: the
 * latest) go out again now, to subscribers who are still active; bounced and
 * unsubscribed addresses are left alone.
 */
export const digestRetryFailedCommand: CliCommand = {
  name: 'digest retry-failed',
  summary: 'Resend the failed deliveries of an issue to still-active subscribers',
  usage,
  run: (args, ctx) =>
    exitCodeOf(ctx, async () => {
      const parsed = parseArgs(args, { options: ['week'] }, usage);
      rejectPositional(parsed, usage);
      const weekKey = weekOption(parsed);
      return withNewsletter(ctx, async ({ digest }) => {
        const { issue, requeued, delivery } = await digest.retryFailed(weekKey ? { weekKey } : {});
        ctx.io.stdout(
          `Issue ${issue.weekKey}: ${plural(requeued, 'failed delivery', 'failed deliveries')} queued again.\n${formatDelivery(delivery)}\n`,
        );
        return delivery.stopped ? 1 : 0;
      });
    }),
};
