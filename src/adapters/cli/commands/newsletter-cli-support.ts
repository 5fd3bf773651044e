import { UserFacingError } from '../../../core/errors.js';
import type { BounceService } from '../../../core/newsletter/bounce-service.js';
import type { DigestService } from '../../../core/newsletter/digest-service.js';
import type { SubscriberAdmin } from '../../../core/newsletter/subscriber-admin.js';
import type { Subscriptions } from '../../../core/newsletter/subscriptions.js';
import { parseWeekKey } from '../../../core/newsletter/week-key.js';
import type { CliContext } from '../cli-types.js';

export { UsageError } from '../usage-error.js';

/** The optional `--week 2026-W48`, validated; undefined means the command's default week. */
export function weekOption(week: string | undefined): string | undefined {
  return week === undefined ? undefined : parseWeekKey(week);
}

/**
 * The newsletter as the CLI sees it: the core services and a few facts to
 * print, never a store (test/adapters/newsletter-boundary.test.ts keeps
 * it so), so each command makes the same call as the admin console.
 */
export interface CliNewsletter {
  /** Preview, pin, send, retry, status of the digest. */
  digest: DigestService;
  /** Counts, export, add, import and remove, for admins. */
  subscribers: SubscriberAdmin;
  /** Bounce CSV imports (`tutor bounces import`). */
  bounces: Pick<BounceService, 'importCsv'>;
  /** Double opt-in sign-up (`subscribers add` without --consent). */
  subscriptions: Pick<Subscriptions, 'subscribe'>;
  /** Settings that work locally but hurt real sending. */
  warnings: string[];
  /** Where mail goes, e.g. "SMTP smtp.example.com:587". */
  mailerDescription: string;
  /** DATA_DIR, where previews are written by default. */
  dataDir: string;
}

/**
 * Opens the container (database included) for a newsletter command, hands
 * over the newsletter, and closes everything after. Logs go to stderr at
 * warn, so stdout stays clean for CSV and JSON. The container, the database
 * and the mailer load here, not when `tutor` starts.
 */
export async function withNewsletter<T>(
  ctx: CliContext,
  run: (newsletter: CliNewsletter) => Promise<T>,
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
    const runtime = container.newsletter;
    if (!runtime)
      throw new UserFacingError(
        'NEWSLETTER_UNAVAILABLE',
        'The newsletter needs the database; it could not be opened.',
      );
    return await run({
      digest: runtime.services.digest,
      subscribers: runtime.services.subscribers,
      bounces: runtime.services.bounces,
      subscriptions: runtime.services.subscriptions,
      warnings: runtime.warnings,
      mailerDescription: runtime.mailer.description,
      dataDir: config.DATA_DIR,
    });
  } finally {
    await container.close();
  }
}
