import type { Command } from 'commander';
import { examples } from '../cli-help.js';
import type { CliContext } from '../cli-types.js';
import { createProgressLine } from '../progress-line.js';
import { signalExitCode, stopOnSignal } from '../stop-on-signal.js';
import { deliveryProgress, formatDelivery, plural } from './digest-format.js';
import { describeInterrupted } from './digest-interrupted.js';
import { weekOption, withNewsletter } from './newsletter-cli-support.js';

/**
 * `tutor digest retry-failed`: failed deliveries of an issue (default: the
 * latest) go out again now, to subscribers who are still active; bounced and
 * unsubscribed addresses are left alone.
 */
export function registerDigestRetryFailed(digest: Command, ctx: CliContext): void {
  digest
    .command('retry-failed')
    .summary('Resend the failed deliveries of an issue to still-active subscribers')
    .description(
      'Queue the failed deliveries of an issue again and send them now, to subscribers who are still active (bounced and unsubscribed addresses are left alone). Shows progress on stderr; Ctrl-C stops after the messages in flight.',
    )
    .option('--week <week>', 'ISO week such as 2026-W48 (default: the latest issue)')
    .addHelpText('after', examples('tutor digest retry-failed', 'tutor digest retry-failed --week 2026-W48'))
    .action(
      ctx.action(async (options: { week?: string }) => {
        const weekKey = weekOption(options.week);
        return withNewsletter(ctx, async ({ digest }) => {
          const stop = stopOnSignal(ctx.io, 'the messages being sent');
          const progress = createProgressLine(ctx.io, 'Resending failed deliveries');
          try {
            const { issue, requeued, delivery } = await digest.retryFailed({
              ...(weekKey ? { weekKey } : {}),
              signal: stop.signal,
              onProgress: (p) => progress.update(deliveryProgress(p)),
            });
            progress.finish();
            ctx.io.stdout(
              `Issue ${issue.weekKey}: ${plural(requeued, 'failed delivery', 'failed deliveries')} queued again.\n${formatDelivery(delivery)}\n`,
            );
            const signal = stop.stoppedBy();
            if (signal && delivery.stopped === 'aborted') {
              ctx.io.stderr(
                await describeInterrupted({
                  signal,
                  sent: delivery.sent,
                  issue,
                  digest,
                  rerun: `tutor digest send --week ${issue.weekKey}`,
                }),
              );
              return signalExitCode(signal);
            }
            return delivery.stopped ? 1 : 0;
          } finally {
            progress.finish();
            stop.dispose();
          }
        });
      }),
    );
}
