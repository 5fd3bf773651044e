import { hostname } from 'node:os';
import type { Database } from '../adapters/db/create-database.js';
import { createPrismaClickStore } from '../adapters/db/newsletter/prisma-click-store.js';
import { createPrismaDigestStore } from '../adapters/db/newsletter/prisma-digest-store.js';
import { createPrismaSubscriberStore } from '../adapters/db/newsletter/prisma-subscriber-store.js';
import { createPrismaSuppressionStore } from '../adapters/db/newsletter/prisma-suppression-store.js';
import { createPrismaWelcomeStore } from '../adapters/db/newsletter/prisma-welcome-store.js';
import { createMailer } from '../adapters/email/create-mailer.js';
import { resolveNewsletterConfig } from '../adapters/email/newsletter-settings.js';
import { type EmailWebhookVerifiers, emailWebhookVerifiers } from '../adapters/email/webhooks/providers.js';
import type { SnsHttp } from '../adapters/email/webhooks/sns-http.js';
import { resolveSecret } from '../adapters/state/resolve-secret.js';
import type { Config } from '../config/env-schema.js';
import type { Library } from '../core/content/types.js';
import { createClickTokens } from '../core/newsletter/click-token.js';
import type { DeliveryOptions } from '../core/newsletter/delivery-options.js';
import type { DigestJob } from '../core/newsletter/digest-job.js';
import { createNewsletterServices, type NewsletterServices } from '../core/newsletter/newsletter-services.js';
import type { Mailer } from '../core/newsletter/ports.js';
import { createRecallTokens } from '../core/newsletter/recall-token.js';
import type { NewsletterSettings } from '../core/newsletter/settings.js';
import type { Subscriptions } from '../core/newsletter/subscriptions.js';
import { createTokenSigner } from '../core/newsletter/tokens.js';
import type { Clock, Logger } from '../core/ports.js';
import type { PracticeService } from '../core/practice/practice-service.js';
import type { PracticeStore } from '../core/practice/practice-store.js';

/**
 * The newsletter, wired: what the web routes, the CLI, chat and the scheduler
 * use. The stores stay inside: adapters get `services`, never a store.
 */
export interface NewsletterRuntime {
  settings: NewsletterSettings;
  mailer: Mailer;
  /** The services adapters call; the stores stay behind them. */
  services: NewsletterServices;
  /** Settings that work locally but hurt real sending; the service logs them at start. */
  warnings: string[];
  /** Cron expression and zone of the schedule (DIGEST_CRON, DIGEST_TZ). */
  schedule: { cron: string; timeZone: string };
  /** Same as `services.subscriptions`. */
  subscriptions: Subscriptions;
  /** The scheduled digest job (same as `services.job`): what the scheduler runs. */
  digestJob: DigestJob;
  /** Verifiers of the bounce webhooks whose provider is configured (POST /webhooks/email/:provider). */
  webhooks: EmailWebhookVerifiers;
  /** Waits for queued emails, then closes the mail transport (not the database, which the container owns). */
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
  /** How SNS certificates are fetched (tests); default https. See ContainerOptions.snsHttp. */
  snsHttp?: SnsHttp;
  /** Retrieval practice: turns on the digest's "Check yourself" block and its answer page. */
  practice?: { service: Pick<PracticeService, 'answer'>; store: PracticeStore };
}

/** Messages in flight per pooled SMTP connection; a crash can duplicate at most this many per connection. */
export const IN_FLIGHT_PER_CONNECTION = 2;

/**
 * Composes the newsletter from config: Prisma stores, the mailer (SMTP or
 * outbox), the token secret (env, or generated into DATA_DIR), and the core
 * services on top. Throws a ConfigError for inconsistent settings.
 */
export function openNewsletter(options: OpenNewsletterOptions): NewsletterRuntime {
  const { config, logger, clock, database } = options;
  const resolved = resolveNewsletterConfig(config);
  const warnings = [...resolved.warnings];
  const secret = resolveSecret(config, 'TOKEN_SECRET');
  if (secret.source === 'file' && database.kind === 'postgres') {
    warnings.push(
      'TOKEN_SECRET is not set; each replica generates its own in DATA_DIR, and unsubscribe links signed by one fail on the others. Set TOKEN_SECRET when running replicas.',
    );
  }
  const mailer = options.mailer ?? createMailer(config, resolved, logger.child({ component: 'email' }));
  const subscribers = createPrismaSubscriberStore(database.prisma);
  const digests = createPrismaDigestStore(database.prisma);
  // Built now so a half-configured provider stops startup rather than the first webhook.
  const webhooks = emailWebhookVerifiers(config, {
    clock,
    logger,
    ...(options.snsHttp ? { snsHttp: options.snsHttp } : {}),
  });
  const { settings } = resolved;
  const services = createNewsletterServices({
    subscribers,
    digests,
    welcomes: createPrismaWelcomeStore(database.prisma),
    suppressions: createPrismaSuppressionStore(database.prisma),
    softBounces: { threshold: config.BOUNCE_SOFT_THRESHOLD, windowDays: config.BOUNCE_SOFT_WINDOW_DAYS },
    mailer,
    signer: createTokenSigner(secret.value),
    settings,
    library: options.library,
    clock,
    logger,
    workerName: `${hostname()}:${process.pid}`,
    // An embedded PGlite folder has one process: anything `sending` when a run starts was left by a crash.
    exclusiveDatabase: database.kind === 'pglite',
    // Twice the pool: while one message's status is written, the next one is already with the SMTP server (decision 009).
    delivery: { concurrency: config.SMTP_MAX_CONNECTIONS * IN_FLIGHT_PER_CONNECTION, ...options.delivery },
    ...(options.practice
      ? { practice: { ...options.practice, tokens: createRecallTokens(secret.value) } }
      : {}),
    clicks: { store: createPrismaClickStore(database.prisma), tokens: createClickTokens(secret.value) },
  });
  return {
    settings,
    warnings,
    mailer,
    services,
    schedule: { cron: config.DIGEST_CRON, timeZone: config.DIGEST_TZ },
    subscriptions: services.subscriptions,
    digestJob: services.job,
    webhooks,
    async close() {
      // Queued emails (data links) go out before the transport closes.
      await services.subscriptions.idle();
      // Clicks already redirected are written before the database closes.
      await services.clicks?.idle();
      await mailer.close();
    },
  };
}
