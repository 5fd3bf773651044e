import type { Command } from 'commander';
import { examples } from '../cli-help.js';
import type { CliContext } from '../cli-types.js';
import { createProgressLine } from '../progress-line.js';
import { signalExitCode, stopOnSignal } from '../stop-on-signal.js';
import { deliveryProgress, describeHeldElsewhere, formatRun } from './digest-format.js';
import { describeInterrupted } from './digest-interrupted.js';
import { weekOption, withNewsletter } from './newsletter-cli-support.js';

/**
 * `tutor digest send`: runs the idempotent job now for a week (default: this
 * week), ignoring the catch-up cutoff; running it again sends nothing new.
 * `--to` sends one test copy to that address and records nothing. Ctrl-C
 * stops between messages; a rerun resumes. Rows another sender still holds
 * (one running elsewhere, or one that crashed on PostgreSQL and whose lease
 * has not run out) are listed and the exit code is {@link HELD_ELSEWHERE_EXIT};
 * `--take-over-stale` claims them at once.
 */
/** Exit code of `tutor digest send` when rows are still held by another sender's claim. */
export const HELD_ELSEWHERE_EXIT = 3;

export function registerDigestSend(digest: Command, ctx: CliContext): void {
  digest
    .command('send')
    .summary("Run this week's digest job now (idempotent), or --to ADDRESS for a test copy")
    .description(
      "Create the week's issue if needed and send it to every subscriber who has not had it yet; running it again sends nothing new. Ignores the catch-up cutoff. Shows progress on stderr. Ctrl-C (or SIGTERM) stops after the messages in flight; run it again to send the rest.",
    )
    .option('--week <week>', 'ISO week such as 2026-W48 (default: this week)')
    .option('--to <address>', 'send one test copy, marked [Test], to this address and record nothing')
    .option(
      '--take-over-stale',
      'claim at once the rows another sender holds, instead of waiting for its 10-minute lease; only when you know that sender is dead: a live one loses its claims, and the messages it has in flight may go out twice',
    )
    .addHelpText(
      'after',
      examples(
        ['tutor digest send --to me@example.com', 'check it in your inbox first'],
        ['tutor digest send', "send this week's issue"],
        ['tutor digest send --week 2026-W48', 'a given week'],
        [
          'tutor digest send --week 2026-W48 --take-over-stale',
          'after a crash: resend what the dead sender held',
        ],
      ) +
        `\n\nExit codes:\n  0    done\n  1    stopped early or failed\n  2    bad usage\n  ${HELD_ELSEWHERE_EXIT}    rows still held by another sender: they go out when its lease expires, or now\n       with --take-over-stale\n  130  stopped by Ctrl-C (143: SIGTERM); run it again to send the rest\n`,
    )
    .action(
      ctx.action(async (options: { week?: string; to?: string; takeOverStale?: boolean }) => {
        const weekKey = weekOption(options.week);
        // The address parser brings zod; only this path needs it.
        const to =
          options.to !== undefined
            ? (await import('../../../core/newsletter/email-address.js')).parseEmailAddress(options.to)
            : undefined;
        return withNewsletter(ctx, async (newsletter) => {
          for (const warning of newsletter.warnings) ctx.io.stderr(`warning: ${warning}\n`);
          if (to) {
            const result = await newsletter.digest.sendTest({ to, ...(weekKey ? { weekKey } : {}) });
            if (result.status === 'failed') {
              ctx.io.stderr(`The test copy was not sent (${result.kind}): ${result.error}\n`);
              return 1;
            }
            ctx.io.stdout(
              `Sent a test copy to ${to} via ${newsletter.mailerDescription} (${result.response}). Nothing was recorded.\n`,
            );
            return 0;
          }
          const stop = stopOnSignal(ctx.io, 'the messages being sent');
          const progress = createProgressLine(ctx.io, 'Sending the digest');
          try {
            const report = await newsletter.digest.send({
              ...(weekKey ? { weekKey } : {}),
              takeOverStale: options.takeOverStale === true,
              signal: stop.signal,
              onProgress: (p) => progress.update(deliveryProgress(p)),
            });
            progress.finish();
            ctx.io.stdout(`${formatRun(report)}\n`);
            const signal = stop.stoppedBy();
            if (signal && report.delivery.stopped === 'aborted') {
              ctx.io.stderr(
                await describeInterrupted({
                  signal,
                  sent: report.delivery.sent,
                  issue: report.issue,
                  digest: newsletter.digest,
                  rerun: `tutor digest send --week ${report.issue.weekKey}`,
                }),
              );
              return signalExitCode(signal);
            }
            if (report.delivery.stopped) return 1;
            const held = describeHeldElsewhere(report);
            if (held) {
              ctx.io.stderr(held);
              return HELD_ELSEWHERE_EXIT;
            }
            return 0;
          } finally {
            progress.finish();
            stop.dispose();
          }
        });
      }),
    );
}
