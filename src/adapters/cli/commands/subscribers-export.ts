import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { SubscriberStatus } from '../../../core/newsletter/types.js';
import { examples } from '../cli-help.js';
import type { CliContext } from '../cli-types.js';
import { UsageError, withNewsletter } from './newsletter-cli-support.js';

const STATUSES: readonly SubscriberStatus[] = ['pending', 'active', 'unsubscribed', 'bounced'];
const COLUMNS = [
  'email',
  'status',
  'consent_source',
  'consent_at',
  'confirmed_at',
  'unsubscribed_at',
  'bounced_at',
  'created_at',
] as const;

const cell = (value: string | Date | null) => {
  const text = value instanceof Date ? value.toISOString() : (value ?? '');
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** `tutor subscribers export`: every subscriber (or one status) as CSV, paged through the database 1,000 at a time. */
export function registerSubscribersExport(subscribers: Command, ctx: CliContext): void {
  subscribers
    .command('export')
    .summary('Export subscribers and their consent records as CSV')
    .description(
      'Write every subscriber (or those with one status) and their consent record as CSV, to stdout or a file.',
    )
    .option('--status <status>', `only this status: ${STATUSES.join(', ')}`)
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
        const status = options.status as SubscriberStatus | undefined;
        if (status && !STATUSES.includes(status))
          throw new UsageError(`--status must be one of ${STATUSES.join(', ')}.`);
        const out = options.out;
        const file = out ? createWriteStream(path.resolve(ctx.io.cwd, out)) : null;
        const write = async (text: string) => {
          if (!file) return ctx.io.stdout(text);
          if (!file.write(text)) await once(file, 'drain');
        };
        return withNewsletter(ctx, async ({ subscribers }) => {
          let count = 0;
          try {
            await write(`${COLUMNS.join(',')}\n`);
            for (let afterId: string | null = null; ; ) {
              const page = await subscribers.page({ afterId, limit: 1000, ...(status ? { status } : {}) });
              if (page.length === 0) break;
              for (const s of page)
                await write(
                  `${[s.email, s.status, s.consentSource, s.consentAt, s.confirmedAt, s.unsubscribedAt, s.bouncedAt, s.createdAt].map(cell).join(',')}\n`,
                );
              count += page.length;
              afterId = page.at(-1)!.id;
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
