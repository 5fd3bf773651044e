import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HTTPReceiver, type Receiver, SocketModeReceiver } from '@slack/bolt';
import { createSharedAnswers } from '../../../../src/adapters/slack/answering/shared-answers.js';
import { createBoltLogger } from '../../../../src/adapters/slack/app/bolt-logger.js';
import { slackClientOptions } from '../../../../src/adapters/slack/app/client-options.js';
import { createSlackApp } from '../../../../src/adapters/slack/app/create-slack-app.js';
import { SLACK_EVENTS_PATH, slackHttpMount } from '../../../../src/adapters/slack/app/http-mount.js';
import { createHomeCache } from '../../../../src/adapters/slack/home/home-cache.js';
import { createWeekConcept } from '../../../../src/adapters/slack/home/week-concept.js';
import type { SlackDeps, SlackSettings } from '../../../../src/adapters/slack/slack-deps.js';
import type { Tutor } from '../../../../src/core/answering/create-tutor.js';
import { createInFlight } from '../../../../src/core/chat/in-flight.js';
import type { Concept, Library } from '../../../../src/core/content/types.js';
import { createMemoryEventDeduper } from '../../../../src/core/memory/memory-event-deduper.js';
import { createMemoryOpenPlaceholders } from '../../../../src/core/memory/memory-open-placeholders.js';
import { createMemoryPracticeStore } from '../../../../src/core/memory/memory-practice-store.js';
import type {
  Clock,
  EventDeduper,
  NewsletterSignup,
  OpenPlaceholders,
  QuestionLog,
  SubscriptionStatus,
} from '../../../../src/core/ports.js';
import { createExplainBack } from '../../../../src/core/practice/explain-back/explain-back-service.js';
import { chatLearner } from '../../../../src/core/practice/learner-id.js';
import { createPracticeService } from '../../../../src/core/practice/practice-service.js';
import { createReviewScheduler } from '../../../../src/core/practice/review-scheduler.js';
import type { FakeSlackApi } from '../../../fakes/fake-slack-api.js';
import type { FakeSlackSocket } from '../../../fakes/fake-slack-socket.js';
import { createRecordingLogger } from '../../../fakes/recording-logger.js';
import { createSlackSender, type SendOptions, type SlackSender } from './slack-requests.js';

export const SIGNING_SECRET = '8f742231b10e8888abcd99edbeee85a5';
export const BOT_TOKEN = 'xoxb-1111-2222-fakebottoken';
export const APP_TOKEN = 'xapp-1-A0TUTOR001-1111-fakeapptoken';

/** A real Bolt App behind its real receiver (HTTP on a loopback port, or Socket Mode), talking to the fake Slack API. */
export interface SlackHarness {
  send: SlackSender;
  /** Delivers an Events API payload the way the transport does (a signed POST, or a Socket Mode envelope). */
  deliver(payload: unknown, options?: SendOptions): Promise<void>;
  /** Delivers a block_actions (or other interactive) payload the way the transport does. */
  interact(payload: unknown): Promise<void>;
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
  subscriptionStatus?: SubscriptionStatus | null;
  openPlaceholders?: OpenPlaceholders;
  /** Default: streaming off (the placeholder path most tests pin down); streaming tests turn it on. */
  settings?: Partial<SlackSettings>;
  /** The library behind suggested prompts and the Home tab (default: an empty one). */
  library?: Library;
  /** The digest's concept of the week, when the test has a newsletter. */
  digestConcept?: () => Promise<Concept>;
  clock?: Clock;
  /** Replaces the practice service (default: in memory over the fixture library, which has no items). */
  practice?: SlackDeps['practice'];
  /** Replaces explain-it-back (default: no model, over `library`). */
  explainBack?: SlackDeps['explainBack'];
  /** Review reminders for `/practice remind` (default: none, as without a database). */
  reminders?: SlackDeps['reminders'];
  /** Links subscribers' chat learners (default: none, as without a newsletter). */
  learnerLinking?: SlackDeps['learnerLinking'];
  /** The current time for the receiver's timestamp check (default: the real clock). */
  now?: () => number;
  /** Socket Mode against this fake endpoint instead of signed HTTP. */
  socket?: FakeSlackSocket;
}

const EMPTY_LIBRARY: Library = {
  concepts: [],
  useCases: [],
  conceptBySlug: new Map(),
  useCaseBySlug: new Map(),
  loadedAt: new Date(0),
};

/** Starts the harness; the App is built exactly as the service module builds it. */
export async function startSlackHarness(options: HarnessOptions): Promise<SlackHarness> {
  const logger = createRecordingLogger();
  const slackLogger = logger.child({ component: 'slack' });
  const boltLogger = createBoltLogger(slackLogger);
  const clock = options.clock ?? { now: () => new Date() };
  const library = () => options.library ?? EMPTY_LIBRARY;
  const settings: SlackSettings = {
    threadContext: true,
    draftIntervalMs: 5000,
    streaming: false,
    homeCacheMs: 60_000,
    ...options.settings,
  };
  const deps: SlackDeps = {
    tutor: options.tutor,
    questionLog: options.questionLog,
    eventDeduper: options.eventDeduper ?? createMemoryEventDeduper(),
    newsletter: options.newsletter ?? null,
    subscriptionStatus: options.subscriptionStatus ?? null,
    library,
    weekConcept: createWeekConcept({
      digestConcept: options.digestConcept,
      library,
      clock,
      ttlMs: settings.homeCacheMs,
      logger: slackLogger,
    }),
    clock,
    logger: slackLogger,
    inFlight: createInFlight(),
    openPlaceholders: options.openPlaceholders ?? createMemoryOpenPlaceholders(),
    sharedAnswers: createSharedAnswers({ clock }),
    homeCache: createHomeCache({ clock, ttlMs: settings.homeCacheMs }),
    settings,
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
    explainBack:
      options.explainBack ??
      createExplainBack({
        library,
        llm: null,
        questionLog: options.questionLog,
        logger: slackLogger,
        clock,
        userSalt: 'slack-test-salt-0123',
        maxTokens: 500,
      }),
    reminders: options.reminders ?? null,
    learnerLinking: options.learnerLinking ?? null,
  };
  const clientOptions = slackClientOptions({ slackApiUrl: options.fake.apiUrl, logger: boltLogger });

  if (options.socket) {
    const socket = options.socket;
    options.fake.socketUrl = socket.url;
    const receiver: Receiver = new SocketModeReceiver({
      appToken: APP_TOKEN,
      logger: boltLogger,
      installerOptions: { clientOptions: { slackApiUrl: clientOptions.slackApiUrl } },
    });
    const { app } = createSlackApp({
      receiver,
      botToken: BOT_TOKEN,
      clientOptions,
      logger: boltLogger,
      deps,
    });
    await app.start();
    await socket.connected();
    const unsupported = () => Promise.reject(new Error('signed HTTP requests need the HTTP transport'));
    return {
      send: { event: unsupported, command: unsupported, interaction: unsupported, signed: unsupported },
      deliver: async (payload) => void (await socket.send('events_api', payload)),
      interact: async (payload) => void (await socket.send('interactive', payload)),
      deps,
      logger,
      settle: () => settled(deps),
      close: async () => {
        await app.stop();
      },
    };
  }

  const receiver = new HTTPReceiver({
    signingSecret: SIGNING_SECRET,
    endpoints: SLACK_EVENTS_PATH,
    logger: boltLogger,
  });
  createSlackApp({ receiver, botToken: BOT_TOKEN, clientOptions, logger: boltLogger, deps });
  const mount = slackHttpMount(receiver, slackLogger, options.now ? { now: options.now } : {});
  const server: Server = createServer(mount.listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${SLACK_EVENTS_PATH}`;
  const send = createSlackSender(url, SIGNING_SECRET);
  const expectOk = (response: Response) => {
    if (response.status !== 200) throw new Error(`the app answered HTTP ${response.status}`);
  };
  return {
    send,
    deliver: async (payload, sendOptions) => expectOk(await send.event(payload, sendOptions)),
    interact: async (payload) => expectOk(await send.interaction(payload)),
    deps,
    logger,
    settle: () => settled(deps),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function settled(deps: SlackDeps): Promise<void> {
  if (!(await deps.inFlight.drain(10_000))) throw new Error('Slack handlers did not finish');
}

/** Log lines at error level: a test fails if something went wrong unnoticed. */
export function errorsIn(logger: SlackHarness['logger']): string[] {
  return logger.lines
    .filter((l) => l.level === 'error')
    .map((l) => `${l.message} ${JSON.stringify(l.fields ?? {})}`);
}
