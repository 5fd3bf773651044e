import { createReadStream } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { UserFacingError } from '../../../core/errors.js';
import type { ConsentedOutcome } from '../../../core/newsletter/ports.js';
import { examples } from '../cli-help.js';
import type { CliContext } from '../cli-types.js';
import { createProgressLine } from '../progress-line.js';
import { countLines, csvRecords } from './csv-records.js';
import { UsageError, withNewsletter } from './newsletter-cli-support.js';

const SHOWN_PROBLEMS = 20;

/**
 * `tutor subscribers import`: every address in the CSV's `email` column
 * becomes an active subscriber with SOURCE recorded as its consent. The file
 * is streamed, so its size does not matter. Addresses that unsubscribed or
 * bounced are never re-added; bad lines are reported with their line number.
 */
export function registerSubscribersImport(subscribers: Command, ctx: CliContext): void {
  subscribers
    .command('import')
    .summary('Import consenting subscribers from a CSV with an email column')
    .description(
      'Add every address in the email column of a CSV as an active subscriber, recording SOURCE as where their consent came from. The file is streamed, so its size does not matter; progress shows on stderr. Addresses that unsubscribed or bounced are never re-added; invalid lines are listed with their line number (exit code 1).',
    )
    .argument('<file.csv>', 'a CSV with a header line that has an email column')
    .option('--consent <source>', 'required: where these people agreed to get the digest')
    .addHelpText('after', examples('tutor subscribers import people.csv --consent "signup-sheet-2026-05"'))
    .action(
      ctx.action(async (csv: string, options: { consent?: string }) => {
        const consent = options.consent;
        if (!consent)
          throw new UsageError(
            '--consent SOURCE is required: say where these people agreed to get the digest, e.g. --consent "signup-sheet-2026-05". Usage: tutor subscribers import FILE.csv --consent SOURCE',
          );
        const file = path.resolve(ctx.io.cwd, csv);
        // One quick pass to count the rows, so progress can say how far the import is.
        const lines = await countLines(createReadStream(file)).catch(() => {
          throw new UserFacingError('CSV_MISSING', `Cannot read ${file}: no such file.`);
        });
        const { tryParseEmailAddress } = await import('../../../core/newsletter/email-address.js');
        return withNewsletter(ctx, async ({ subscriptions }) => {
          const counts: Record<ConsentedOutcome | 'invalid', number> = {
            added: 0,
            activated: 0,
            'already-active': 0,
            suppressed: 0,
            invalid: 0,
          };
          const problems: string[] = [];
          let column = -1;
          const progress = createProgressLine(ctx.io, `Importing ${path.basename(file)}`);
          let rows = 0;
          try {
            for await (const { line, fields } of csvRecords(createReadStream(file))) {
              if (column < 0) {
                column = fields.findIndex((f) => f.trim().toLowerCase() === 'email');
                if (column < 0)
                  throw new UserFacingError(
                    'CSV_NO_EMAIL_COLUMN',
                    `${file}:1: no "email" column in the header (${fields.join(', ')}). Add a header line with a column named email.`,
                  );
                continue;
              }
              const raw = fields[column]?.trim() ?? '';
              if (raw === '' && fields.every((f) => f.trim() === '')) continue;
              rows++;
              const email = tryParseEmailAddress(raw);
              if (!email) {
                counts.invalid++;
                if (problems.length < SHOWN_PROBLEMS)
                  problems.push(`  line ${line}: "${raw}" is not a valid email address`);
              } else {
                counts[(await subscriptions.addConsented({ email, consentSource: consent })).outcome]++;
              }
              progress.update({
                done: rows,
                total: Math.max(rows, lines - 1),
                ...(counts.invalid > 0 ? { detail: `${counts.invalid} invalid` } : {}),
              });
            }
          } finally {
            progress.finish();
          }
          if (column < 0)
            throw new UserFacingError(
              'CSV_EMPTY',
              `${file} is empty; it needs a header line with an email column.`,
            );
          ctx.io.stdout(
            `Imported from ${path.basename(file)} with consent "${consent}": ${counts.added} added, ${counts.activated} activated (had not confirmed), ` +
              `${counts['already-active']} already subscribed, ${counts.suppressed} skipped because they unsubscribed or bounced, ${counts.invalid} invalid.\n`,
          );
          if (problems.length > 0)
            ctx.io.stderr(
              `Invalid lines:\n${problems.join('\n')}${counts.invalid > SHOWN_PROBLEMS ? `\n  … and ${counts.invalid - SHOWN_PROBLEMS} more` : ''}\n`,
            );
          return counts.invalid > 0 ? 1 : 0;
        });
      }),
    );
}
