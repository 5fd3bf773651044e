import type { Command } from 'commander';
import { examples } from '../cli-help.js';
import type { CliContext } from '../cli-types.js';
import { createProgressLine } from '../progress-line.js';
import { signalExitCode, stopOnSignal } from '../stop-on-signal.js';
import { deliveryProgress, formatRun } from './digest-format.js';
import { describeInterrupted } from './digest-interrupted.js';
import { weekOption, withNewsletter } from './newsletter-cli-support.js';

/**
 * `tutor digest send`: runs the idempotent job now for a week (default: this
 * week), ignoring the catch-up cutoff; running it again sends nothing new.
 * `--to` sends one test copy to that address and records nothing. Ctrl-C
 * stops between messages; a rerun resumes.
 */
export function registerDigestSend(digest: Command, ctx: CliContext): void {
  digest
    .command('send')
    .summary("Run this week's digest job now (idempotent), or --to ADDRESS for a test copy")
    .description(
      "Create the week's issue if needed and send it to every subscriber who has not had it yet; running it again sends nothing new. Ignores the catch-up cutoff. Shows progress on stderr. Ctrl-C (or SIGTERM) stops after the messages in flight; run it again to send the rest.",
    )
    .option('--week <week>', 'ISO week such as 2026-W48 (default: this week)')
    .option('--to <address>', 'send one test copy, marked [Test], to this address and record nothing')
    .addHelpText(
      'after',
      examples(
        ['tutor digest send --to me@example.com', 'check it in your inbox first'],
        ['tutor digest send', "send this week's issue"],
        ['tutor digest send --week 2026-W48', 'a given week'],
      ),
    )
    .action(
      ctx.action(async (options: { week?: string; to?: string }) => {
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
              `Sent a test copy to ${to} via ${newsletter.mailer.description} (${result.response}). Nothing was recorded.\n`,
            );
            return 0;
          }
          const stop = stopOnSignal(ctx.io, 'the messages being sent');
          const progress = createProgressLine(ctx.io, 'Sending the digest');
          try {
            const report = await newsletter.digest.runNow({
              ...(weekKey ? { weekKey } : {}),
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
                  digests: newsletter.digests,
                  rerun: `tutor digest send --week ${report.issue.weekKey}`,
                }),
              );
              return signalExitCode(signal);
            }
            return report.delivery.stopped ? 1 : 0;
          } finally {
            progress.finish();
            stop.dispose();
          }
        });
      }),
    );
}
