import { type Container, createContainer } from '../../../container.js';
import { UserFacingError } from '../../../core/errors.js';
import { parseWeekKey } from '../../../core/newsletter/week-key.js';
import type { NewsletterRuntime } from '../../email/newsletter-runtime.js';
import { createConsoleLogger } from '../../log/console-logger.js';
import type { CliContext } from '../cli-types.js';

/** Parsed `--name value` options and positional words. */
export interface ParsedArgs {
  positional: string[];
  options: Map<string, string>;
  switches: Set<string>;
}

/**
 * Splits arguments into positional words, `--option value` pairs and
 * `--switch` flags; anything else is a usage error that names the flag.
 */
export function parseArgs(
  args: string[],
  spec: { options?: string[]; switches?: string[] },
  usage: string,
): ParsedArgs {
  const parsed: ParsedArgs = { positional: [], options: new Map(), switches: new Set() };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('--')) {
      parsed.positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s) as [string, string | undefined];
    if (spec.switches?.includes(name)) parsed.switches.add(name);
    else if (spec.options?.includes(name)) {
      const value = inline ?? args[++i];
      if (value === undefined || value === '')
        throw new UsageError(`--${name} needs a value. Usage: ${usage}`);
      parsed.options.set(name, value);
    } else throw new UsageError(`Unknown option --${name}. Usage: ${usage}`);
  }
  return parsed;
}

/** Wrong arguments: the command prints the message and exits with 2. */
/** Refuses arguments a command does not take, naming the first. */
export function rejectPositional(parsed: ParsedArgs, usage: string): void {
  if (parsed.positional.length > 0)
    throw new UsageError(`Unexpected "${parsed.positional[0]}". Usage: ${usage}`);
}

/** The optional `--week 2026-W48`, validated; undefined means the command's default week. */
export function weekOption(parsed: ParsedArgs): string | undefined {
  const week = parsed.options.get('week');
  return week === undefined ? undefined : parseWeekKey(week);
}

export class UsageError extends UserFacingError {
  constructor(message: string) {
    super('CLI_USAGE', message);
  }
}

/**
 * Opens the container (database included) for a newsletter command, hands
 * over the newsletter, and closes everything after. Logs go to stderr at
 * warn, so stdout stays clean for CSV and JSON.
 */
export async function withNewsletter<T>(
  ctx: CliContext,
  run: (newsletter: NewsletterRuntime, container: Container) => Promise<T>,
): Promise<T> {
  const config = ctx.config();
  const logger = createConsoleLogger({
    level: config.LOG_LEVEL === 'debug' ? 'debug' : 'warn',
    write: (line) => ctx.io.stderr(`${line}\n`),
  });
  const container = await createContainer({ config, logger, watchContent: false });
  try {
    if (!container.newsletterRuntime)
      throw new UserFacingError(
        'NEWSLETTER_UNAVAILABLE',
        'The newsletter needs the database; it could not be opened.',
      );
    return await run(container.newsletterRuntime, container);
  } finally {
    await container.close();
  }
}

/** Runs a command body, turning usage errors into exit code 2 with the message on stderr. */
export async function exitCodeOf(ctx: CliContext, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    ctx.io.stderr(`${error.message}\n`);
    return 2;
  }
}
