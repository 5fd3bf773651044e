import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { type ContentLibrary, openContentLibrary } from './adapters/content/content-library.js';
import type { AppDatabase } from './adapters/db/open-app-database.js';
import type { NewsletterRuntime } from './adapters/email/newsletter-runtime.js';
import { instrumentQuestionLog } from './adapters/metrics/instrument-question-log.js';
import { createMetricsRegistry, type MetricsRegistry } from './adapters/metrics/metrics-registry.js';
import { readOrCreateSecret } from './adapters/state/read-or-create-secret.js';
import type { Config } from './config/env-schema.js';
import { createTutor, type Tutor } from './core/answering/create-tutor.js';
import { createUsageGuard } from './core/limits/create-usage-guard.js';
import { createMemoryEventDeduper } from './core/memory/memory-event-deduper.js';
import { createMemoryQuestionLog } from './core/memory/memory-question-log.js';
import type {
  Clock,
  EventDeduper,
  LanguageModel,
  Logger,
  NewsletterSignup,
  QuestionLog,
} from './core/ports.js';
import type { Retriever } from './core/retrieval/create-retriever.js';
import { createLiveRetriever } from './core/retrieval/live-retriever.js';

/** Everything the entry points need, wired once. */
export interface Container {
  config: Config;
  logger: Logger;
  clock: Clock;
  content: ContentLibrary;
  retriever: Retriever;
  llm: LanguageModel | null;
  tutor: Tutor;
  questionLog: QuestionLog;
  /** Prometheus metrics of this process, served at /metrics. */
  metrics: MetricsRegistry;
  /** Idempotency keys for chat events (database-backed when a database is open). */
  eventDeduper: EventDeduper;
  /** Newsletter sign-up for chat and web; null without a database. */
  newsletter: NewsletterSignup | null;
  /** The whole newsletter (subscriptions, digest job, mailer) for web routes, CLI and scheduler; null without a database. */
  newsletterRuntime: NewsletterRuntime | null;
  /** null when opened without a database (search-only CLI commands). */
  database: AppDatabase | null;
  /** Releases files, watchers and connections, newest first. */
  close(): Promise<void>;
}

/** Options of {@link createContainer}. */
export interface ContainerOptions {
  config: Config;
  logger: Logger;
  clock?: Clock;
  /** Open the database and apply pending migrations (default true). */
  database?: boolean;
  /** Watch the content folder for changes (default: config.CONTENT_WATCH). */
  watchContent?: boolean;
  /** Wire the newsletter when a database is open (default true); `tutor ask` does without. */
  newsletter?: boolean;
}

/** The composition root: the one place that picks implementations for the core's ports. */
export async function createContainer(options: ContainerOptions): Promise<Container> {
  const { config, logger } = options;
  const clock = options.clock ?? { now: () => new Date() };
  const closers: Array<() => Promise<void> | void> = [];
  try {
    const content = await openContentLibrary({
      root: config.CONTENT_DIR,
      watch: options.watchContent ?? config.CONTENT_WATCH,
      logger,
      clock,
    });
    closers.push(() => content.close());
    const retriever = createLiveRetriever(content.store);

    let database: AppDatabase | null = null;
    if (options.database !== false) {
      // Imported only when used: the Prisma client and the drivers are most of a one-shot command's start-up.
      const { openAppDatabase } = await import('./adapters/db/open-app-database.js');
      database = await openAppDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR, logger });
      closers.push(() => database!.close());
    }
    const metrics = createMetricsRegistry();
    // Every answer on every surface is recorded here, so this is where answers are counted for /metrics.
    const questionLog = instrumentQuestionLog(
      database?.questionLog ?? createMemoryQuestionLog(clock),
      metrics,
    );

    // Imported only when used: the SDK is a noticeable share of start-up time.
    const llm = config.ANTHROPIC_API_KEY
      ? (await import('./adapters/llm/anthropic-model.js')).createAnthropicModel({
          apiKey: config.ANTHROPIC_API_KEY,
          model: config.ANTHROPIC_MODEL,
          baseURL: config.ANTHROPIC_BASE_URL,
          timeoutMs: config.ANTHROPIC_TIMEOUT_MS,
          maxRetries: config.ANTHROPIC_MAX_RETRIES,
          logger,
        })
      : null;
    // Without a database the question log lives in memory and dies with the process, and so may its salt:
    // a search-only CLI command then never creates DATA_DIR.
    const userSalt =
      config.USER_ID_SALT ??
      (database
        ? readOrCreateSecret(path.join(config.DATA_DIR, 'user-id-salt'))
        : randomBytes(24).toString('base64url'));
    const guard = createUsageGuard({
      questionLog,
      clock,
      limits: {
        perUser: config.CHAT_RATE_LIMIT,
        windowMs: config.CHAT_RATE_WINDOW_MINUTES * 60_000,
        dailyTokenBudget: config.DAILY_TOKEN_BUDGET,
      },
    });
    const tutor = createTutor({
      retriever,
      llm,
      questionLog,
      logger,
      clock,
      userSalt,
      maxTokens: config.ANTHROPIC_MAX_TOKENS,
      guard,
    });
    const eventDeduper = database?.eventDeduper ?? createMemoryEventDeduper();
    // Subscribers live in the database: without one (search-only CLI commands) there is no newsletter.
    const newsletterRuntime =
      database && options.newsletter !== false
        ? (await import('./adapters/email/newsletter-runtime.js')).openNewsletter({
            config,
            logger,
            clock,
            database,
            library: () => content.store.current(),
          })
        : null;
    if (newsletterRuntime) closers.push(() => newsletterRuntime.close());
    const newsletter: NewsletterSignup | null = newsletterRuntime?.subscriptions ?? null;

    return {
      config,
      logger,
      clock,
      content,
      retriever,
      llm,
      tutor,
      questionLog,
      metrics,
      eventDeduper,
      newsletter,
      newsletterRuntime,
      database,
      async close() {
        for (const close of closers.reverse()) await close();
      },
    };
  } catch (error) {
    for (const close of closers.reverse()) await close();
    throw error;
  }
}
