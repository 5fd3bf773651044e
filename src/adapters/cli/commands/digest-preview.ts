import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CliCommand } from '../cli-types.js';
import {
  exitCodeOf,
  parseArgs,
  rejectPositional,
  weekOption,
  withNewsletter,
} from './newsletter-cli-support.js';

const usage = 'tutor digest preview [--week 2026-W48] [--out DIR]';

/** `tutor digest preview`: renders a week's issue (as created, or as it would be picked) to an HTML and a text file; records nothing. */
export const digestPreviewCommand: CliCommand = {
  name: 'digest preview',
  summary: "Write a week's digest as HTML and text files, without sending or recording anything",
  usage,
  run: (args, ctx) =>
    exitCodeOf(ctx, async () => {
      const parsed = parseArgs(args, { options: ['week', 'out'] }, usage);
      rejectPositional(parsed, usage);
      const weekKey = weekOption(parsed);
      const { options } = parsed;
      return withNewsletter(ctx, async ({ digest }, container) => {
        const preview = await digest.preview(weekKey ? { weekKey } : {});
        const dir = path.resolve(
          ctx.io.cwd,
          options.get('out') ?? path.join(container.config.DATA_DIR, 'preview'),
        );
        await mkdir(dir, { recursive: true });
        const { html, text } = preview.template.personalize({
          unsubscribeUrl: 'https://example.invalid/unsubscribe-link',
          manageUrl: 'https://example.invalid/data-link',
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
};
