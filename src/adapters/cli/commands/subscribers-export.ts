import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { csvLine } from '../../../core/newsletter/csv.js';
import { parseSubscriberStatus, SUBSCRIBER_STATUSES } from '../../../core/newsletter/subscriber-admin.js';
import { examples } from '../cli-help.js';
import type { CliContext } from '../cli-types.js';
import { UsageError, withNewsletter } from './newsletter-cli-support.js';

/**
 * `tutor subscribers export`: every subscriber (or one status) as CSV, from
 * the same service call as the admin console's export: the same columns, CRLF
 * line ends, and formulas neutralised (a consent source starting with `=`
 * gets an apostrophe), paged through the database.
 */
export function registerSubscribersExport(subscribers: Command, ctx: CliContext): void {
  subscribers
    .command('export')
    .summary('Export subscribers and their consent records as CSV')
    .description(
      'Write every subscriber (or those with one status) and their consent record as CSV (RFC 4180, CRLF line ends; cells a spreadsheet would run as a formula start with an apostrophe), to stdout or a file. The columns are the same as the admin console export.',
    )
    .option('--status <status>', `only this status: ${SUBSCRIBER_STATUSES.join(', ')}`)
    .option('--out <file>', 'write to this file instead of stdout')
    .addHelpText(
      'after',
      examples(
        'tutor subscribers export > subscribers.csv',
        'tutor subscribers export --status active --out active.csv',
      ),
    )
    .action(
      ctx.action(async (options: { status?: string; out?: string }) => {
        let status: ReturnType<typeof parseSubscriberStatus> | undefined;
        try {
          status = options.status === undefined ? undefined : parseSubscriberStatus(options.status);
        } catch {
          throw new UsageError(`--status must be one of ${SUBSCRIBER_STATUSES.join(', ')}.`);
        }
        const out = options.out;
        const file = out ? createWriteStream(path.resolve(ctx.io.cwd, out)) : null;
        const write = async (text: string) => {
          if (!file) return ctx.io.stdout(text);
          if (!file.write(text)) await once(file, 'drain');
        };
        return withNewsletter(ctx, async ({ subscribers }) => {
          let count = 0;
          try {
            // The core CSV writer, row by row, so the count is exact even when a cell holds a line break.
            await write(csvLine(subscribers.columns));
            for await (const row of subscribers.exportRows(status ? { status } : {})) {
              await write(csvLine(row));
              count++;
            }
          } finally {
            if (file) await new Promise((resolve) => file.end(resolve));
          }
          if (out) ctx.io.stderr(`Wrote ${count} subscribers to ${out}.\n`);
          return 0;
        });
      }),
    );
}
