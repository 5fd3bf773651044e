import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { UserFacingError } from '../../../core/errors.js';
import { BOUNCE_CSV_FORMATS } from '../../../core/newsletter/bounce-import.js';
import { examples } from '../cli-help.js';
import type { CliContext } from '../cli-types.js';
import { csvRecords } from './csv-records.js';
import { UsageError, withNewsletter } from './newsletter-cli-support.js';

const FORMATS = Object.keys(BOUNCE_CSV_FORMATS);

/**
 * `tutor bounces import FILE --provider NAME [--dry-run]`: reads a provider's
 * bounce or complaint export. Every row is checked before anything is
 * recorded; a bad row stops the import naming its line and column. Rows
 * already imported are recognised, so running it twice changes nothing.
 */
export function registerBouncesImport(bounces: Command, ctx: CliContext): void {
  bounces
    .command('import')
    .summary('Suppress the addresses in a provider bounce/complaint CSV export')
    .description(
      `Record every row of a CSV export as a bounce or complaint: hard bounces and complaints suppress the address at once, soft bounces count towards BOUNCE_SOFT_THRESHOLD. Formats: ${FORMATS.join(', ')} (generic is email,type,reason,date with type hard, soft or complaint; docs/newsletter.md lists the columns of each). Every row is checked first: a bad one stops the import before anything is recorded (exit code 1). Importing the same file again changes nothing.`,
    )
    .argument('<file.csv>', 'the CSV export, with its header line')
    .option('--provider <name>', `required: the export's format, one of ${FORMATS.join(', ')}`)
    .option('--dry-run', 'check the file and say what it holds, without recording anything')
    .addHelpText(
      'after',
      examples(
        'tutor bounces import bounces.csv --provider generic --dry-run',
        'tutor bounces import mailgun-bounces.csv --provider mailgun',
      ),
    )
    .action(
      ctx.action(async (csv: string, options: { provider?: string; dryRun?: boolean }) => {
        const format = options.provider;
        if (!format || !FORMATS.includes(format))
          throw new UsageError(
            `--provider must be one of ${FORMATS.join(', ')}${format ? ` (got "${format}")` : ''}. Usage: tutor bounces import FILE.csv --provider NAME [--dry-run]`,
          );
        const file = path.resolve(ctx.io.cwd, csv);
        await access(file).catch(() => {
          throw new UserFacingError('CSV_MISSING', `Cannot read ${file}: no such file.`);
        });
        return withNewsletter(ctx, async ({ bounces }) => {
          const dryRun = options.dryRun === true;
          const report = await bounces.importCsv({
            records: csvRecords(createReadStream(file)),
            format,
            name: path.basename(file),
            dryRun,
          });
          const { counts, outcomes } = report;
          const found = `${counts['hard-bounce']} hard bounces, ${counts['soft-bounce']} soft bounces, ${counts.complaint} complaints`;
          if (!outcomes) {
            ctx.io.stdout(`Dry run of ${path.basename(file)} (${format}): ${found}. Nothing was recorded.\n`);
            return 0;
          }
          ctx.io.stdout(
            `Imported ${path.basename(file)} (${format}): ${found}. ${outcomes.suppressed} addresses suppressed, ` +
              `${outcomes['already-suppressed']} already suppressed, ${outcomes.recorded} soft bounces counted, ${outcomes.duplicate} already imported.\n`,
          );
          return 0;
        });
      }),
    );
}
