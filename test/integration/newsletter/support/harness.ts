import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Database } from '../../../../src/adapters/db/create-database.js';
import { createPrismaDigestStore } from '../../../../src/adapters/db/newsletter/prisma-digest-store.js';
import { loadConfig } from '../../../../src/config/load-config.js';
import type { Library } from '../../../../src/core/content/types.js';
import type { DeliveryOptions } from '../../../../src/core/newsletter/delivery-options.js';
import type { DigestStore } from '../../../../src/core/newsletter/ports.js';
import { type NewsletterRuntime, openNewsletter } from '../../../../src/wiring/newsletter.js';
import type { SmtpSink } from '../../../adapters/email/support/smtp-sink.js';
import { fixtureLibrary } from '../../../core/newsletter/support/library.js';
import { createRecordingLogger } from '../../../fakes/recording-logger.js';

/** A clock the test sets and moves by hand. */
export interface ManualClock {
  now(): Date;
  set(iso: string): void;
  advance(ms: number): void;
}

export function manualClock(iso: string): ManualClock {
  let now = new Date(iso).getTime();
  return {
    now: () => new Date(now),
    set: (next) => {
      now = new Date(next).getTime();
    },
    advance: (ms) => {
      now += ms;
    },
  };
}

/** The newsletter as the service wires it, on a test database and a given SMTP URL. */
export async function openTestNewsletter(options: {
  database: Database;
  smtpUrl: string;
  clock: ManualClock;
  env?: Record<string, string>;
  delivery?: Partial<DeliveryOptions>;
  /** The library to teach from (default: the small fixture library). */
  library?: Library;
}): Promise<{
  newsletter: NewsletterRuntime;
  /** The digest store on the same database, for setting up states the services never create (a crashed sender's claims). */
  digests: DigestStore;
  logger: ReturnType<typeof createRecordingLogger>;
  close(): Promise<void>;
}> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'ct-newsletter-'));
  const logger = createRecordingLogger();
  const config = loadConfig({
    DATA_DIR: dataDir,
    SMTP_URL: options.smtpUrl,
    SMTP_RATE_LIMIT: '0',
    MAIL_FROM: 'Concept Tutor <digest@example.com>',
    PUBLIC_URL: 'https://tutor.example.com',
    POSTAL_ADDRESS: 'Example Ltd, 1 Main St, Springfield',
    ...options.env,
  });
  const library = options.library ?? (await fixtureLibrary());
  const newsletter = openNewsletter({
    config,
    logger,
    clock: options.clock,
    database: options.database,
    library: () => library,
    delivery: options.delivery,
  });
  return {
    newsletter,
    digests: createPrismaDigestStore(options.database.prisma),
    logger,
    async close() {
      await newsletter.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Empties the newsletter's tables and the SMTP sink, so each test starts with no subscriber, issue or email. */
export async function clearNewsletter(database: Database, sink: SmtpSink): Promise<void> {
  await database.prisma.delivery.deleteMany();
  await database.prisma.digestIssue.deleteMany();
  await database.prisma.subscriber.deleteMany();
  sink.messages.length = 0;
}
