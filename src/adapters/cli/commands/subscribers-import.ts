import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import path from 'node:path';
import { UserFacingError } from '../../../core/errors.js';
import { tryParseEmailAddress } from '../../../core/newsletter/email-address.js';
import type { ConsentedOutcome } from '../../../core/newsletter/ports.js';
import type { CliCommand } from '../cli-types.js';
import { csvRecords } from './csv-records.js';
import { exitCodeOf, parseArgs, UsageError, withNewsletter } from './newsletter-cli-support.js';

const usage = 'tutor subscribers import FILE.csv --consent SOURCE';
const SHOWN_PROBLEMS = 20;

/**
 * `tutor subscribers import`: every address in the CSV's `email` column
 * becomes an active subscriber with SOURCE recorded as its consent. The file
 * is streamed, so its size does not matter. Addresses that unsubscribed or
 * bounced are never re-added; bad lines are reported with their line number.
 */
export const subscribersImportCommand: CliCommand = {
  name: 'subscribers import',
  summary: 'Import consenting subscribers from a CSV with an email column',
  usage,
  run: (args, ctx) =>
    exitCodeOf(ctx, async () => {
      const { positional, options } = parseArgs(args, { options: ['consent'] }, usage);
      const consent = options.get('consent');
      if (positional.length !== 1) throw new UsageError(`Give exactly one CSV file. Usage: ${usage}`);
      if (!consent)
        throw new UsageError(
          `--consent SOURCE is required: say where these people agreed to get the digest, e.g. --consent "signup-sheet-2026-05". Usage: ${usage}`,
        );
      const file = path.resolve(ctx.io.cwd, positional[0]!);
      await access(file).catch(() => {
        throw new UserFacingError('CSV_MISSING', `Cannot read ${file}: no such file.`);
      });
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
          const email = tryParseEmailAddress(raw);
          if (!email) {
            counts.invalid++;
            if (problems.length < SHOWN_PROBLEMS)
              problems.push(`  line ${line}: "${raw}" is not a valid email address`);
            continue;
          }
          counts[(await subscriptions.addConsented({ email, consentSource: consent })).outcome]++;
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
};
