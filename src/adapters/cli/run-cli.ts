import type { Config } from '../../config/env-schema.js';
import { loadConfig } from '../../config/load-config.js';
import { ConfigError, ContentError, isUserFacing } from '../../core/errors.js';
import type { CliCommand, CliIo } from './cli-types.js';

/**
 * Runs one `tutor` command and returns its exit code: 0 ok, 1 failure,
 * 2 bad usage. Errors are reported as one clear message; stack traces only
 * for bugs.
 */
export async function runCli(argv: string[], io: CliIo, commands: readonly CliCommand[]): Promise<number> {
  const help = () => {
    io.stdout('Usage: tutor <command> [options]\n\nCommands:\n');
    for (const c of commands) io.stdout(`  ${c.usage.padEnd(52)} ${c.summary}\n`);
  };
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    help();
    return argv.length === 0 ? 2 : 0;
  }
  // Longest match first, so `content check` wins over a hypothetical `content`.
  const command = [...commands]
    .sort((a, b) => b.name.split(' ').length - a.name.split(' ').length)
    .find((c) => c.name.split(' ').every((word, i) => argv[i] === word));
  if (!command) {
    io.stderr(`Unknown command "${argv.join(' ')}". Run tutor --help for the list.\n`);
    return 2;
  }
  const args = argv.slice(command.name.split(' ').length);
  if (args.includes('--help')) {
    io.stdout(`${command.usage}\n  ${command.summary}\n`);
    return 0;
  }
  let config: Config | undefined;
  try {
    return await command.run(args, { io, config: () => (config ??= loadConfig(io.env)) });
  } catch (error) {
    if (error instanceof ConfigError || error instanceof ContentError || isUserFacing(error)) {
      io.stderr(`${error.message}\n`);
      return 1;
    }
    io.stderr(
      `tutor ${command.name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return 1;
  }
}
