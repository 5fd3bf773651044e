import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import { type ContentLibrary, openContentLibrary } from './adapters/content/content-library.js';
import { loadEnglishWordFrequencies } from './adapters/content/english-word-frequencies.js';
import type { AppDatabase } from './adapters/db/open-app-database.js';
import type { SnsHttp } from './adapters/email/webhooks/sns-http.js';
import { openModels } from './adapters/llm/open-models.js';
import type { Resolve } from './adapters/llm/private-network.js';
import { instrumentPractice } from './adapters/metrics/instrument-practice.js';
import { instrumentQuestionLog } from './adapters/metrics/instrument-question-log.js';
import { createMetricsRegistry, type MetricsRegistry } from './adapters/metrics/metrics-registry.js';
import { registerNewsletterGauges } from './adapters/metrics/newsletter-gauges.js';
import { createFileVectorCache } from './adapters/state/file-vector-cache.js';
import { resolveSecret } from './adapters/state/resolve-secret.js';
import type { Config } from './config/env-schema.js';
import { createTutor, type Tutor } from './core/answering/create-tutor.js';
import { createStablePrefix } from './core/answering/stable-prefix.js';
import { createInFlight, type InFlight } from './core/chat/in-flight.js';
import { withLocalFallback } from './core/chat/resilient-deduper.js';
import { createUsageGuard } from './core/limits/create-usage-guard.js';
import { createMemoryEventDeduper } from './core/memory/memory-event-deduper.js';
import { createMemoryOpenPlaceholders } from './core/memory/memory-open-placeholders.js';
import { createMemoryPracticeStore } from './core/memory/memory-practice-store.js';
import { createMemoryQuestionLog } from './core/memory/memory-question-log.js';
import type {
  Clock,
  EventDeduper,
  LanguageModel,
  Logger,
  NewsletterSignup,
  OpenPlaceholders,
  QuestionLog,
} from './core/ports.js';
import { createExplainBack, type ExplainBack } from './core/practice/explain-back/explain-back-service.js';
import { chatLearner } from './core/practice/learner-id.js';
import { createLearnerLinking, type LearnerLinking } from './core/practice/learner-linking.js';
import { withLinkedLearners } from './core/practice/linked-practice.js';
import { createPracticeService, type PracticeService } from './core/practice/practice-service.js';
import type { PracticeStore } from './core/practice/practice-store.js';
import {
  createReminderSettings,
  type ReminderSettings,
} from './core/practice/reminders/reminder-settings.js';
import { createReviewScheduler } from './core/practice/review-scheduler.js';
import type { LearnerId } from './core/practice/types.js';
import type { Retriever } from './core/retrieval/create-retriever.js';
import { createHybridRetriever, type HybridRetriever } from './core/retrieval/hybrid-retriever.js';
import { createLiveRetriever } from './core/retrieval/live-retriever.js';
import type { NewsletterRuntime } from './wiring/newsletter.js';

/** Everything the entry points need, wired once. */
export interface Container {
  config: Config;
  logger: Logger;
  clock: Clock;
  content: ContentLibrary;
  retriever: Retriever;
  llm: LanguageModel | null;
  /** BM25 + vectors for the tutor when EMBEDDINGS_MODEL is set; null otherwise. */
  hybridRetriever: HybridRetriever | null;
  tutor: Tutor;
  questionLog: QuestionLog;
  /** Prometheus metrics of this process, served at /metrics. */
  metrics: MetricsRegistry;
  /** Idempotency keys for chat events (database-backed when a database is open, with a local fallback while it is down). */
  eventDeduper: EventDeduper;
  /** Chat placeholders not yet replaced by their answer, swept with an apology after a crash. */
  openPlaceholders: OpenPlaceholders;
  /** Answers being written and digest messages being sent; the service drains them at shutdown. */
  inFlight: InFlight;
  /** Retrieval practice with spaced review (in memory without a database). */
  practice: PracticeService;
  /** "Explain it back": grades a learner's own explanation against the article (AI, or the automatic check). */
  explainBack: ExplainBack;
  /** Where practice state lives (the admin's learning report reads its aggregates). */
  practiceStore: PracticeStore;
  /** Opt-in review reminders (`/practice remind`); null without a database, where an opt-in could not be kept. */
  reminders: ReminderSettings | null;
  /** A chat user's practice learner id, pseudonymised with USER_ID_SALT like the question log. */
  practiceLearner(platform: 'slack' | 'discord', userId: string): LearnerId;
  /** Links chat learners to subscriber records; null without a newsletter (nobody to link to). */
  learnerLinking: LearnerLinking | null;
  /** Newsletter sign-up (subscribe, unsubscribe) for the chat surfaces; null without a database. */
  signup: NewsletterSignup | null;
  /** The whole newsletter (its services, the digest job, the mailer) for web routes, CLI and scheduler; null without a database. */
  newsletter: NewsletterRuntime | null;
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
  /** Hostname resolution for PRIVATE_MODE's checks (tests); default: the system resolver. */
  resolveHost?: Resolve;
  /** Wire the newsletter when a database is open (default true); `tutor ask` does without. */
  newsletter?: boolean;
  /**
   * How SNS signing certificates and SubscribeURLs are fetched (tests: a local
   * fake); default: https. Only code can set it, never the environment, and
   * every URL must be on an SNS host whichever is used.
   */
  snsHttp?: SnsHttp;
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
    const retriever = createLiveRetriever(
      content.store,
      { frequencies: loadEnglishWordFrequencies() },
      logger.child({ component: 'retrieval' }),
    );

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

    // Claude or an OpenAI-compatible server (SDKs imported only when used), PRIVATE_MODE enforced.
    const models = await openModels({ config, logger, resolve: options.resolveHost });
    for (const note of models.notes) logger.info(note);
    const llm = models.llm;
    // With EMBEDDINGS_MODEL the tutor searches BM25 + vectors; CLI search and Discord autocomplete stay BM25.
    const hybridRetriever = models.embedder
      ? createHybridRetriever({
          lexical: retriever,
          library: content.store,
          embedder: models.embedder,
          cache: createFileVectorCache(path.join(config.DATA_DIR, 'embeddings'), logger),
          logger,
          clock,
        })
      : null;
    if (hybridRetriever) closers.push(() => hybridRetriever.close());
    // Without a database the question log lives in memory and dies with the process, and so may its salt:
    // a search-only CLI command then never creates DATA_DIR.
    const userSalt =
      database || config.USER_ID_SALT
        ? resolveSecret(config, 'USER_ID_SALT').value
        : randomBytes(24).toString('base64url');
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
      retriever: hybridRetriever ?? retriever,
      llm,
      questionLog,
      logger,
      clock,
      userSalt,
      // Rules plus library map, rebuilt only when a reload swaps the library: the prompt cache's key.
      stablePrefix: createStablePrefix(() => content.store.current()),
      maxTokens: models.maxTokens,
      guard,
    });
    // Graded under the same rate limit and daily budget as answers, through the same question log.
    const explainBack = createExplainBack({
      library: () => content.store.current(),
      llm,
      questionLog,
      guard,
      logger: logger.child({ component: 'explain-back' }),
      clock,
      userSalt,
      maxTokens: models.maxTokens,
    });
    const eventDeduper = database
      ? withLocalFallback(database.eventDeduper, logger)
      : createMemoryEventDeduper();
    const openPlaceholders = database?.openPlaceholders ?? createMemoryOpenPlaceholders(clock);
    const practiceStore = database?.practiceStore ?? createMemoryPracticeStore();
    // Linking needs subscribers, which exist exactly when the newsletter below is opened.
    const learnerLinking =
      database && options.newsletter !== false
        ? createLearnerLinking({ links: database.learnerLinks, store: practiceStore, clock })
        : null;
    const practiceService = createPracticeService({
      store: practiceStore,
      scheduler: createReviewScheduler(),
      clock,
      library: () => content.store.current(),
      newId: randomUUID,
    });
    // Metrics see the surface's own learner (its platform); the service sees the linked one.
    const practice = instrumentPractice(
      learnerLinking ? withLinkedLearners(practiceService, learnerLinking.canonical) : practiceService,
      metrics,
    );
    // Subscribers live in the database: without one (search-only CLI commands) there is no newsletter.
    // Imported only when used: nodemailer and the newsletter are not needed by one-shot questions.
    const newsletter =
      database && options.newsletter !== false
        ? (await import('./wiring/newsletter.js')).openNewsletter({
            config,
            logger,
            clock,
            database,
            library: () => content.store.current(),
            practice: { service: practice, store: practiceStore },
            ...(options.snsHttp ? { snsHttp: options.snsHttp } : {}),
          })
        : null;
    if (newsletter) {
      closers.push(() => newsletter.close());
      registerNewsletterGauges(metrics, newsletter.services);
    }
    const signup: NewsletterSignup | null = newsletter?.subscriptions ?? null;

    return {
      config,
      logger,
      clock,
      content,
      retriever,
      llm,
      hybridRetriever,
      tutor,
      questionLog,
      metrics,
      eventDeduper,
      openPlaceholders,
      inFlight: createInFlight(),
      signup,
      newsletter,
      practice,
      explainBack,
      practiceStore,
      reminders: database ? createReminderSettings({ store: database.reminderStore, clock }) : null,
      practiceLearner: (platform, userId) => chatLearner(userSalt, platform, userId),
      learnerLinking,
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
