import { createReadStream } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { UserFacingError } from '../../../core/errors.js';
import type { ImportReport } from '../../../core/newsletter/subscriber-import.js';
import { examples } from '../cli-help.js';
import type { CliContext } from '../cli-types.js';
import { createProgressLine } from '../progress-line.js';
import { countLines, csvRecords } from './csv-records.js';
import { UsageError, withNewsletter } from './newsletter-cli-support.js';

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
        return withNewsletter(ctx, async ({ subscribers }) => {
          const progress = createProgressLine(ctx.io, `Importing ${path.basename(file)}`);
          let report: ImportReport;
          try {
            report = await subscribers.importCsv({
              records: csvRecords(createReadStream(file)),
              consentSource: consent,
              name: file,
              onProgress: ({ rows, invalid }) =>
                progress.update({
                  done: rows,
                  total: Math.max(rows, lines - 1),
                  ...(invalid > 0 ? { detail: `${invalid} invalid` } : {}),
                }),
            });
          } finally {
            progress.finish();
          }
          const { counts, problems } = report;
          ctx.io.stdout(
            `Imported from ${path.basename(file)} with consent "${consent}": ${counts.added} added, ${counts.activated} activated (had not confirmed), ` +
              `${counts['already-active']} already subscribed, ${counts.suppressed} skipped because they unsubscribed or bounced, ${counts.invalid} invalid.\n`,
          );
          if (problems.length > 0)
            ctx.io.stderr(
              `Invalid lines:\n${problems.map((p) => `  line ${p.line}: ${p.message}`).join('\n')}${counts.invalid > problems.length ? `\n  … and ${counts.invalid - problems.length} more` : ''}\n`,
            );
          return counts.invalid > 0 ? 1 : 0;
        });
      }),
    );
}
