import path from 'node:path';
import type { Command } from 'commander';
import { formatContentProblem } from '../../../core/errors.js';
import { examples } from '../cli-help.js';
import type { CliContext } from '../cli-types.js';

/** `tutor content check`: validates the library and lists every problem. */
export function registerContentCheck(content: Command, ctx: CliContext): void {
  const { io } = ctx;
  content
    .command('check')
    .summary('Validate every file in the content library')
    .description(
      'Validate every concept and use case (front matter, sections, links between them) and list every problem as file:line: message. Exit code 1 when there is any.',
    )
    .option('--dir <folder>', 'the library to check (default: CONTENT_DIR, or content/ of this project)')
    .addHelpText(
      'after',
      examples('tutor content check', ['tutor content check --dir ../my-library', 'another folder']),
    )
    .action(
      ctx.action(async (options: { dir?: string }) => {
        const dir = options.dir
          ? path.resolve(io.cwd, options.dir)
          : (await ctx.config(['content'])).CONTENT_DIR;
        const { loadLibrary } = await import('../../content/content-library.js');
        const result = await loadLibrary(dir, { now: () => new Date() });
        if (!result.ok) {
          io.stderr(`${result.problems.map((p) => formatContentProblem(p)).join('\n')}\n`);
          io.stderr(
            `\n${result.problems.length} problem(s) in ${dir}. Fix them and run tutor content check again.\n`,
          );
          return 1;
        }
        const skipped = result.skipped ?? [];
        if (skipped.length > 0) {
          io.stderr(`${skipped.map((p) => formatContentProblem(p)).join('\n')}\n`);
          io.stderr(
            `\n${skipped.length} file(s) in ${dir} were left out of the library. Fix them and run tutor content check again.\n`,
          );
          return 1;
        }
        const { concepts, useCases } = result.library;
        io.stdout(`Content OK: ${concepts.length} concepts, ${useCases.length} use cases in ${dir}\n`);
        return 0;
      }),
    );
}
