import { Command, CommanderError } from 'commander';
import { ConfigError, ContentError, isUserFacing } from '../../core/errors.js';
import { type CliRun, createCliContext } from './cli-context.js';
import { examples } from './cli-help.js';
import type { CliIo, CliRegistration } from './cli-types.js';
import { packageVersion } from './package-version.js';
import { UsageError } from './usage-error.js';

const ABOUT = `
Where tutor finds things:
  Settings   the environment, then a .env file in this folder (or in the concept-tutor
             folder above it); the environment wins.
  Content    CONTENT_DIR, else content/ of the concept-tutor folder you run tutor in
             (the nearest folder at or above this one that holds content/concepts).
  Data       DATA_DIR, else data/ of that folder. Outside a concept-tutor folder, set
             CONTENT_DIR and DATA_DIR; tutor never creates a data folder elsewhere.

Exit codes: 0 ok, 1 failure, 2 wrong usage, 130/143 stopped by Ctrl-C/SIGTERM.`;

/** The full name of a command, e.g. `tutor digest send`. */
function pathOf(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** Builds the `tutor` program: output goes to `io`, and commander never exits the process. */
function createProgram(io: CliIo, commands: readonly CliRegistration[], run: CliRun) {
  const width = () => Math.max(60, Math.min(io.columns ?? 80, 120));
  const program = new Command('tutor')
    .description(
      'Concept Tutor on the command line: ask and search the library, check content, run the database, the digest and the subscriber list.',
    )
    .version(packageVersion(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help for this command')
    .helpCommand('help [command]', 'show help for a command')
    .configureOutput({
      writeOut: io.stdout,
      writeErr: io.stderr,
      getOutHelpWidth: width,
      getErrHelpWidth: width,
      getOutHasColors: () => false,
      getErrHasColors: () => false,
    })
    .exitOverride()
    .showSuggestionAfterError(true);
  for (const register of commands) register(program, run.ctx);
  program.addHelpText(
    'after',
    `${examples(
      ['tutor ask "How many tokens is a word?"', 'a cited answer from the library'],
      ['tutor search context window --json', 'what retrieval finds, without the model'],
      ['tutor content check', 'validate every content file'],
      ['tutor db deploy', 'apply pending database migrations'],
      ['tutor digest --help', 'the weekly digest commands'],
    )}\n${ABOUT}`,
  );
  const hintAfterErrors = (command: Command) => {
    command.showHelpAfterError(`Run "${pathOf(command)} --help" for usage and examples.`);
    for (const sub of command.commands) hintAfterErrors(sub);
  };
  hintAfterErrors(program);
  return program;
}

/**
 * Runs one `tutor` command and returns its exit code: 0 ok, 1 failure, 2 bad
 * usage (unknown command or flag, missing argument), 130/143 when stopped by a
 * signal. Errors are reported as one clear message; stack traces only for bugs.
 */
export async function runCli(
  argv: string[],
  io: CliIo,
  commands: readonly CliRegistration[],
): Promise<number> {
  const run = createCliContext(io);
  const program = createProgram(io, commands, run);
  let running = 'tutor';
  program.hook('preAction', (_program, command) => {
    running = pathOf(command);
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return run.exitCode() ?? 0;
  } catch (error) {
    // Commander has already printed its message (and the hint) through configureOutput.
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof UsageError) {
      io.stderr(`${error.message}\n`);
      return 2;
    }
    if (error instanceof ConfigError || error instanceof ContentError || isUserFacing(error)) {
      io.stderr(`${error.message}\n`);
      return 1;
    }
    io.stderr(
      `${running} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return 1;
  }
}
