import { formatContentProblem } from '../../../core/errors.js';
import { loadLibrary } from '../../content/content-library.js';
import type { CliCommand } from '../cli-types.js';

/** `tutor content check`: validates the library and lists every problem. */
export const contentCheckCommand: CliCommand = {
  name: 'content check',
  summary: 'Validate every file in the content library',
  usage: 'tutor content check [--dir DIR]',
  async run(args, { io, config }) {
    const dirFlag = args.indexOf('--dir');
    const dir = dirFlag >= 0 ? args[dirFlag + 1] : config().CONTENT_DIR;
    if (!dir) {
      io.stderr('--dir needs a folder, e.g. tutor content check --dir ./content\n');
      return 2;
    }
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
  },
};
