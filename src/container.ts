import { randomBytes } from 'node:crypto';
import { openContentLibrary, type ContentLibrary } from './adapters/content/content-library.js';
import { createAnthropicModel } from './adapters/llm/anthropic-model.js';
import type { Config } from './config/env-schema.js';
import { createTutor, type Tutor } from './core/answering/create-tutor.js';
import { createMemoryQuestionLog } from './core/memory/memory-question-log.js';
import type { Clock, LanguageModel, Logger, QuestionLog } from './core/ports.js';
import { createLiveRetriever } from './core/retrieval/live-retriever.js';
import type { Retriever } from './core/retrieval/create-retriever.js';
import { openAppDatabase, type AppDatabase } from './adapters/db/open-app-database.js';

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
}

/** The composition root: the one place that picks implementations for the core's ports. */
export async function createContainer(options: ContainerOptions): Promise<Container> {
  const { config, logger } = options;
  const clock = options.clock ?? { now: () => new Date() };
  const closers: Array<() => Promise<void> | void> = [];
  try {
    const content = await openContentLibrary({ root: config.CONTENT_DIR, watch: options.watchContent ?? config.CONTENT_WATCH, logger, clock });
    closers.push(() => content.close());
    const retriever = createLiveRetriever(content.store);

    let database: AppDatabase | null = null;
    if (options.database !== false) {
      database = await openAppDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR, logger });
      closers.push(() => database!.close());
    }
    const questionLog = database?.questionLog ?? createMemoryQuestionLog(clock);

    const llm = config.ANTHROPIC_API_KEY
      ? createAnthropicModel({
          apiKey: config.ANTHROPIC_API_KEY,
          model: config.ANTHROPIC_MODEL,
          baseURL: config.ANTHROPIC_BASE_URL,
          timeoutMs: config.ANTHROPIC_TIMEOUT_MS,
          maxRetries: config.ANTHROPIC_MAX_RETRIES,
          logger,
        })
      : null;
    // Without a configured salt, hashes only need to be stable for this process's lifetime in dev.
    const userSalt = config.USER_ID_SALT ?? randomBytes(16).toString('hex');
    const tutor = createTutor({ retriever, llm, questionLog, logger, clock, userSalt, maxTokens: config.ANTHROPIC_MAX_TOKENS });

    return {
      config, logger, clock, content, retriever, llm, tutor, questionLog, database,
      async close() {
        for (const close of closers.reverse()) await close();
      },
    };
  } catch (error) {
    for (const close of closers.reverse()) await close();
    throw error;
  }
}
