import { hostname } from 'node:os';
import path from 'node:path';
import type { Config } from '../../config/env-schema.js';
import type { Library } from '../../core/content/types.js';
import type { DeliveryOptions } from '../../core/newsletter/delivery-options.js';
import { createDigestJob, type DigestJob } from '../../core/newsletter/digest-job.js';
import type { DigestStore, Mailer, SubscriberStore } from '../../core/newsletter/ports.js';
import type { NewsletterSettings } from '../../core/newsletter/settings.js';
import { createSubscriptions, type Subscriptions } from '../../core/newsletter/subscriptions.js';
import { createTokenSigner } from '../../core/newsletter/tokens.js';
import type { Clock, Logger } from '../../core/ports.js';
import type { Database } from '../db/create-database.js';
import { createPrismaDigestStore } from '../db/newsletter/prisma-digest-store.js';
import { createPrismaSubscriberStore } from '../db/newsletter/prisma-subscriber-store.js';
import { readOrCreateSecret } from '../state/read-or-create-secret.js';
import { createMailer } from './create-mailer.js';
import { resolveNewsletterConfig } from './newsletter-settings.js';

/** The newsletter, wired: what the web routes, the CLI, chat and the scheduler use. */
export interface NewsletterRuntime {
  settings: NewsletterSettings;
  mailer: Mailer;
  subscriptions: Subscriptions;
  digest: DigestJob;
  subscribers: SubscriberStore;
  digests: DigestStore;
  /** Settings that work locally but hurt real sending; the service logs them at start. */
  warnings: string[];
  /** Cron expression and zone of the schedule (DIGEST_CRON, DIGEST_TZ). */
  schedule: { cron: string; timeZone: string };
  /** Closes the mail transport (not the database, which the container owns). */
  close(): Promise<void>;
}

/** Options of {@link openNewsletter}. */
export interface OpenNewsletterOptions {
  config: Config;
  logger: Logger;
  clock: Clock;
  database: Database;
  library: () => Library;
  /** Replaces the configured mailer (tests, benchmarks). */
  mailer?: Mailer;
  delivery?: Partial<DeliveryOptions>;
}

/**
 * Composes the newsletter from config: Prisma stores, the mailer (SMTP or
 * outbox), the token secret (env, or generated into DATA_DIR), and the core
 * services on top. Throws a ConfigError for inconsistent settings.
 */
export function openNewsletter(options: OpenNewsletterOptions): NewsletterRuntime {
  const { config, logger, clock, database } = options;
  const resolved = resolveNewsletterConfig(config);
  const warnings = [...resolved.warnings];
  if (!config.TOKEN_SECRET && database.kind === 'postgres') {
    warnings.push(
      'TOKEN_SECRET is not set; each replica generates its own in DATA_DIR, and unsubscribe links signed by one fail on the others. Set TOKEN_SECRET when running replicas.',
    );
  }
  const signer = createTokenSigner(
    config.TOKEN_SECRET ?? readOrCreateSecret(path.join(config.DATA_DIR, 'token-secret')),
  );
  const mailer = options.mailer ?? createMailer(config, resolved, logger);
  const subscribers = createPrismaSubscriberStore(database.prisma);
  const digests = createPrismaDigestStore(database.prisma);
  const { settings } = resolved;
  return {
    settings,
    warnings,
    mailer,
    subscribers,
    digests,
    schedule: { cron: config.DIGEST_CRON, timeZone: config.DIGEST_TZ },
    subscriptions: createSubscriptions({ store: subscribers, mailer, signer, settings, clock, logger }),
    digest: createDigestJob({
      digests,
      mailer,
      library: options.library,
      settings,
      signer,
      clock,
      logger,
      workerName: `${hostname()}:${process.pid}`,
      // An embedded PGlite folder has one process: anything `sending` when a run starts was left by a crash.
      exclusiveDatabase: database.kind === 'pglite',
      delivery: { concurrency: config.SMTP_MAX_CONNECTIONS, ...options.delivery },
    }),
    close: () => mailer.close(),
  };
}
