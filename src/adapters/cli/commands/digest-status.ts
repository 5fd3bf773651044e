import type { Command } from 'commander';
import { examples } from '../cli-help.js';
import type { CliContext } from '../cli-types.js';
import { formatTime } from './digest-format.js';
import { weekOption, withNewsletter } from './newsletter-cli-support.js';

/** `tutor digest status`: a week's issue (default: the latest) with deliveries by status and who did not get it. */
export function registerDigestStatus(digest: Command, ctx: CliContext): void {
  digest
    .command('status')
    .summary('Show an issue’s deliveries by status and list the failures')
    .description(
      "Show an issue's deliveries by status (sent, pending, sending, failed, skipped), the subscriber counts, and who did not get it.",
    )
    .option('--week <week>', 'ISO week such as 2026-W48 (default: the latest issue)')
    .addHelpText('after', examples('tutor digest status', 'tutor digest status --week 2026-W48'))
    .action(
      ctx.action(async (options: { week?: string }) => {
        const weekKey = weekOption(options.week);
        return withNewsletter(ctx, async ({ digest, subscribers }) => {
          const status = await digest.status(weekKey ? { weekKey } : {});
          const people = await subscribers.counts();
          const list = `Subscribers: ${people.active} active, ${people.pending} awaiting confirmation, ${people.unsubscribed} unsubscribed, ${people.bounced} bounced.`;
          if (!status) {
            ctx.io.stdout(
              `${weekKey ? `There is no issue for ${weekKey}.` : 'No issue has been created yet.'}\n${list}\n`,
            );
            return weekKey ? 1 : 0;
          }
          const { issue, counts, failures } = status;
          const lines = [
            `Issue ${issue.weekKey}: ${issue.conceptSlug} + ${issue.useCaseSlug}, ${issue.status}`,
            `  scheduled ${formatTime(issue.scheduledFor)}, snapshot ${formatTime(issue.snapshotAt)}, finished ${formatTime(issue.sentAt)}`,
            ...(['sent', 'pending', 'sending', 'failed', 'skipped', 'total'] as const).map(
              (k) =>
                `  ${k.padEnd(8)} ${String(counts[k]).padStart(7)}${k === 'skipped' ? '  (unsubscribed between snapshot and send)' : ''}`,
            ),
            list,
          ];
          if (failures.length > 0) {
            lines.push(`Not delivered (${failures.length}${failures.length === 50 ? ', first 50' : ''}):`);
            for (const f of failures) {
              const next =
                f.status === 'pending' && f.nextAttemptAt
                  ? `, next attempt ${formatTime(f.nextAttemptAt)}`
                  : '';
              lines.push(
                `  ${f.email}  ${f.status}, ${f.attempts} attempt${f.attempts === 1 ? '' : 's'}${next}: ${f.lastError ?? ''}`,
              );
            }
            if (counts.failed > 0)
              lines.push(
                'Resend the failed ones with: tutor digest retry-failed' +
                  (weekKey ? ` --week ${weekKey}` : ''),
              );
          }
          ctx.io.stdout(`${lines.join('\n')}\n`);
          return 0;
        });
      }),
    );
}
