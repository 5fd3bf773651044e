import type { EventDeduper, Logger, OpenPlaceholders, QuestionLog } from '../../core/ports.js';
import type { LearnerLinkStore } from '../../core/practice/learner-links.js';
import type { PracticeStore } from '../../core/practice/practice-store.js';
import type { ReminderStore } from '../../core/practice/reminders/reminder-store.js';
import { createDatabaseOn, type Database } from './create-database.js';
import { describeDatabaseTarget, parseDatabaseUrl } from './database-url.js';
import { openDriverAdapter } from './driver-adapter.js';
import { applyMigrations } from './migrate.js';
import { migrationsUpToDate } from './migrations-up-to-date.js';
import { acquirePgliteLock } from './pglite-process-lock.js';
import { createPrismaEventDeduper } from './prisma-event-deduper.js';
import { createPrismaLearnerLinkStore } from './prisma-learner-link-store.js';
import { createPrismaOpenPlaceholders } from './prisma-open-placeholders.js';
import { createPrismaPracticeStore } from './prisma-practice-store.js';
import { createPrismaQuestionLog } from './prisma-question-log.js';
import { createPrismaReminderStore } from './prisma-reminder-store.js';

/** The database as the application uses it: migrated, with the core's stores on top. */
export interface AppDatabase extends Database {
  /** e.g. "PGlite /app/data/pg" or "PostgreSQL postgresql://tutor:***@db/tutor". */
  description: string;
  questionLog: QuestionLog;
  eventDeduper: EventDeduper & { prune(olderThan: Date): Promise<number> };
  /** Chat placeholders not yet replaced by their answer. */
  openPlaceholders: OpenPlaceholders;
  /** Retrieval-practice schedules and shown items. */
  practiceStore: PracticeStore;
  /** Review-reminder opt-ins and their daily claims. */
  reminderStore: ReminderStore;
  /** Chat learners linked to subscriber records (one learner across chat and email). */
  learnerLinks: LearnerLinkStore;
  /** Null when reachable, else why not (for /readyz). */
  ping(): Promise<string | null>;
}

/**
 * Opens the configured database and applies pending migrations first, so a
 * new version of the service brings its schema with it. On PostgreSQL the
 * migration runs on its own single connection (the engine's advisory lock
 * needs lock and unlock on one session); replicas starting together are safe.
 */
export async function openAppDatabase(options: {
  url: string | undefined;
  dataDir: string;
  logger: Logger;
  /** A new PGlite folder starts from this migrated template; defaults to the build's, null for none. */
  pgliteTemplate?: string | null;
}): Promise<AppDatabase> {
  const target = parseDatabaseUrl(options.url, options.dataDir);
  const description = describeDatabaseTarget(target);
  const release = target.kind === 'pglite' && target.dataDir ? acquirePgliteLock(target.dataDir) : () => {};
  try {
    if (target.kind === 'postgres') {
      const migrator = await openDriverAdapter(target, { maxConnections: 1 });
      try {
        await report(applyMigrations(migrator.factory), options.logger);
      } finally {
        await migrator.close();
      }
    }
    const handle = await openDriverAdapter(target, {
      logger: options.logger,
      ...(options.pgliteTemplate !== undefined ? { pgliteTemplate: options.pgliteTemplate } : {}),
    });
    if (target.kind === 'pglite' && !(handle.pglite && (await migrationsUpToDate(handle.pglite)))) {
      await report(applyMigrations(handle.factory), options.logger);
    }
    const database = createDatabaseOn(handle);
    const { prisma } = database;
    return {
      ...database,
      description,
      questionLog: createPrismaQuestionLog(prisma),
      eventDeduper: createPrismaEventDeduper(prisma),
      openPlaceholders: createPrismaOpenPlaceholders(prisma),
      practiceStore: createPrismaPracticeStore(prisma, database.sql),
      reminderStore: createPrismaReminderStore(prisma),
      learnerLinks: createPrismaLearnerLinkStore(prisma),
      async ping() {
        await prisma.$queryRaw`SELECT 1`;
        return null;
      },
      async close() {
        try {
          await database.close();
        } finally {
          release();
        }
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

async function report(deploy: Promise<{ applied: string[] }>, logger: Logger): Promise<void> {
  const { applied } = await deploy;
  if (applied.length > 0) logger.info('applied database migrations', { applied });
}
