import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HTTPReceiver } from '@slack/bolt';
import { createBoltLogger } from '../../../../src/adapters/slack/app/bolt-logger.js';
import { slackClientOptions } from '../../../../src/adapters/slack/app/client-options.js';
import { createSlackApp } from '../../../../src/adapters/slack/app/create-slack-app.js';
import { SLACK_EVENTS_PATH, slackHttpMount } from '../../../../src/adapters/slack/app/http-mount.js';
import type { SlackDeps, SlackSettings } from '../../../../src/adapters/slack/slack-deps.js';
import type { Tutor } from '../../../../src/core/answering/create-tutor.js';
import { createInFlight } from '../../../../src/core/chat/in-flight.js';
import { createMemoryEventDeduper } from '../../../../src/core/memory/memory-event-deduper.js';
import { createMemoryOpenPlaceholders } from '../../../../src/core/memory/memory-open-placeholders.js';
import { createMemoryPracticeStore } from '../../../../src/core/memory/memory-practice-store.js';
import type {
  EventDeduper,
  NewsletterSignup,
  OpenPlaceholders,
  QuestionLog,
} from '../../../../src/core/ports.js';
import { chatLearner } from '../../../../src/core/practice/learner-id.js';
import { createPracticeService } from '../../../../src/core/practice/practice-service.js';
import { createReviewScheduler } from '../../../../src/core/practice/review-scheduler.js';
import type { FakeSlackApi } from '../../../fakes/fake-slack-api.js';
import { createRecordingLogger } from '../../../fakes/recording-logger.js';
import { createSlackSender, type SlackSender } from './slack-requests.js';

export const SIGNING_SECRET = '8f742231b10e8888abcd99edbeee85a5';
export const BOT_TOKEN = 'xoxb-1111-2222-fakebottoken';

/** A real Bolt App behind its real HTTP receiver on a loopback port, talking to the fake Slack API. */
export interface SlackHarness {
  send: SlackSender;
  deps: SlackDeps;
  logger: ReturnType<typeof createRecordingLogger>;
  /** Waits until every answer the app started has been written. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

/** What a test varies. */
export interface HarnessOptions {
  fake: FakeSlackApi;
  tutor: Tutor;
  questionLog: QuestionLog;
  eventDeduper?: EventDeduper;
  newsletter?: NewsletterSignup | null;
  openPlaceholders?: OpenPlaceholders;
  settings?: Partial<SlackSettings>;
  /** Replaces the practice service (default: in memory over the fixture library, which has no items). */
  practice?: SlackDeps['practice'];
  /** The current time for the receiver's timestamp check (default: the real clock). */
  now?: () => number;
}

/** Starts the harness; the App is built exactly as the service module builds it. */
export async function startSlackHarness(options: HarnessOptions): Promise<SlackHarness> {
  const logger = createRecordingLogger();
  const slackLogger = logger.child({ component: 'slack' });
  const boltLogger = createBoltLogger(slackLogger);
  const deps: SlackDeps = {
    tutor: options.tutor,
    questionLog: options.questionLog,
    eventDeduper: options.eventDeduper ?? createMemoryEventDeduper(),
    newsletter: options.newsletter ?? null,
    logger: slackLogger,
    inFlight: createInFlight(),
    openPlaceholders: options.openPlaceholders ?? createMemoryOpenPlaceholders(),
    settings: { threadContext: true, draftIntervalMs: 5000, ...options.settings },
    practice:
      options.practice ??
      createPracticeService({
        store: createMemoryPracticeStore(),
        scheduler: createReviewScheduler(),
        clock: { now: () => new Date() },
        // No items: practice tests pass their own service over the real library.
        library: () => ({
          concepts: [],
          useCases: [],
          conceptBySlug: new Map(),
          useCaseBySlug: new Map(),
          loadedAt: new Date(0),
        }),
        newId: randomUUID,
      }),
    learnerOf: (userId) => chatLearner('slack-test-salt-0123', 'slack', userId),
  };
  const receiver = new HTTPReceiver({
    signingSecret: SIGNING_SECRET,
    endpoints: SLACK_EVENTS_PATH,
    logger: boltLogger,
  });
  createSlackApp({
    receiver,
    botToken: BOT_TOKEN,
    clientOptions: slackClientOptions({ slackApiUrl: options.fake.apiUrl, logger: boltLogger }),
    logger: boltLogger,
    deps,
  });
  const mount = slackHttpMount(receiver, slackLogger, options.now ? { now: options.now } : {});
  const server: Server = createServer(mount.listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${SLACK_EVENTS_PATH}`;
  return {
    send: createSlackSender(url, SIGNING_SECRET),
    deps,
    logger,
    async settle() {
      if (!(await deps.inFlight.drain(10_000))) throw new Error('Slack handlers did not finish');
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Log lines at error level: a test fails if something went wrong unnoticed. */
export function errorsIn(logger: SlackHarness['logger']): string[] {
  return logger.lines
    .filter((l) => l.level === 'error')
    .map((l) => `${l.message} ${JSON.stringify(l.fields ?? {})}`);
}
