import type { Container } from '../../../container.js';
import { UserFacingError } from '../../../core/errors.js';
import { parseWeekKey } from '../../../core/newsletter/week-key.js';
import type { NewsletterRuntime } from '../../email/newsletter-runtime.js';
import type { CliContext } from '../cli-types.js';

export { UsageError } from '../usage-error.js';

/** The optional `--week 2026-W48`, validated; undefined means the command's default week. */
export function weekOption(week: string | undefined): string | undefined {
  return week === undefined ? undefined : parseWeekKey(week);
}

/**
 * Opens the container (database included) for a newsletter command, hands
 * over the newsletter, and closes everything after. Logs go to stderr at
 * warn, so stdout stays clean for CSV and JSON. The container, the database
 * and the mailer load here, not when `tutor` starts.
 */
export async function withNewsletter<T>(
  ctx: CliContext,
  run: (newsletter: NewsletterRuntime, container: Container) => Promise<T>,
): Promise<T> {
  const config = await ctx.config(['content', 'data']);
  const [{ createContainer }, { createConsoleLogger }] = await Promise.all([
    import('../../../container.js'),
    import('../../log/console-logger.js'),
  ]);
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
