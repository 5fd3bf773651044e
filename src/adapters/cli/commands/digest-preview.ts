import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { examples } from '../cli-help.js';
import type { CliContext } from '../cli-types.js';
import { weekOption, withNewsletter } from './newsletter-cli-support.js';

/** `tutor digest preview`: renders a week's issue (as created, or as it would be picked) to an HTML and a text file; records nothing. */
export function registerDigestPreview(digest: Command, ctx: CliContext): void {
  digest
    .command('preview')
    .summary("Write a week's digest as HTML and text files, without sending or recording anything")
    .description(
      "Render a week's digest (the issue as created, or what would be picked now) to an HTML and a text file. Sends nothing and records nothing.",
    )
    .option('--week <week>', 'ISO week such as 2026-W48 (default: this week)')
    .option('--out <folder>', 'where to write the files (default: DATA_DIR/preview)')
    .addHelpText(
      'after',
      examples('tutor digest preview', [
        'tutor digest preview --week 2026-W48 --out ./preview',
        'a coming week',
      ]),
    )
    .action(
      ctx.action(async (options: { week?: string; out?: string }) => {
        const weekKey = weekOption(options.week);
        return withNewsletter(ctx, async ({ digest, dataDir }) => {
          const preview = await digest.preview(weekKey ? { weekKey } : {});
          const dir = path.resolve(ctx.io.cwd, options.out ?? path.join(dataDir, 'preview'));
          await mkdir(dir, { recursive: true });
          const { html, text } = preview.template.personalize({
            unsubscribeUrl: 'https://example.invalid/unsubscribe-link',
            manageUrl: 'https://example.invalid/data-link',
            recall: preview.recall,
          });
          const htmlFile = path.join(dir, `digest-${preview.weekKey}.html`);
          const textFile = path.join(dir, `digest-${preview.weekKey}.txt`);
          await writeFile(htmlFile, html);
          await writeFile(textFile, text);
          const state = preview.issue
            ? `issue ${preview.issue.status}`
            : 'not created yet: this is what would be picked now';
          ctx.io.stdout(
            `Week ${preview.weekKey} (${state}): ${preview.content.concept.title} + ${preview.content.useCase.title}\n` +
              `Subject:   ${preview.template.subject}\nPreheader: ${preview.template.preheader}\nHTML:      ${htmlFile}\nText:      ${textFile}\n`,
          );
          return 0;
        });
      }),
    );
}
