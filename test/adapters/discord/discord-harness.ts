import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Events } from 'discord.js';
import { createDiscordBot, type DiscordBot } from '../../../src/adapters/discord/create-discord-bot.js';
import type { DiscordDeps } from '../../../src/adapters/discord/discord-deps.js';
import { createTutor } from '../../../src/core/answering/create-tutor.js';
import { createStablePrefix } from '../../../src/core/answering/stable-prefix.js';
import { createInFlight } from '../../../src/core/chat/in-flight.js';
import { buildLibrary } from '../../../src/core/content/build-library.js';
import { createLibraryStore } from '../../../src/core/content/library-store.js';
import type { ContentFile } from '../../../src/core/content/types.js';
import { createUsageGuard, type UsageLimits } from '../../../src/core/limits/create-usage-guard.js';
import { createMemoryEventDeduper } from '../../../src/core/memory/memory-event-deduper.js';
import { createMemoryPracticeStore } from '../../../src/core/memory/memory-practice-store.js';
import { createMemoryQuestionLog } from '../../../src/core/memory/memory-question-log.js';
import type { EventDeduper, NewsletterSignup, QuestionLog } from '../../../src/core/ports.js';
import { createExplainBack } from '../../../src/core/practice/explain-back/explain-back-service.js';
import { chatLearner } from '../../../src/core/practice/learner-id.js';
import { createPracticeService } from '../../../src/core/practice/practice-service.js';
import { createReviewScheduler } from '../../../src/core/practice/review-scheduler.js';
import { createLiveRetriever } from '../../../src/core/retrieval/live-retriever.js';
import {
  type FakeDiscordApi,
  type RecordedDiscordRequest,
  snowflake,
  startFakeDiscordApi,
} from '../../fakes/fake-discord-api.js';
import { type FakeDiscordGateway, startFakeDiscordGateway } from '../../fakes/fake-discord-gateway.js';
import { createRecordingLogger } from '../../fakes/recording-logger.js';
import { englishFrequencies } from '../../fixtures/english-frequencies.js';
import { fixtureFiles } from '../../fixtures/load-fixture-files.js';
import { createScriptedModel, type ScriptedModel } from './scripted-model.js';

/** Ids used by the saved payloads in test/fixtures/discord/. */
export const IDS = {
  guild: '1190000000000000001',
  channel: '1190000000000000002',
  /** A channel where the bot's role is denied Embed Links. */
  noEmbedChannel: '1190000000000000005',
  bot: '1190000000000000003',
  user: '1190000000000000004',
  dmChannel: '1190000000000000700',
} as const;

export const BOT_USER = {
  id: IDS.bot,
  username: 'concept-tutor',
  global_name: null,
  discriminator: '4821',
  avatar: null,
  bot: true,
  public_flags: 0,
};
export const TOKEN = 'MTE5MDAwMDAwMDAwMDAwMDAwMw.fake.discord-test-token';

/** A saved gateway payload, deep-copied, with a fresh id (and interaction token) so waits never match an earlier one. */
export function fixture(name: string, patch: Record<string, unknown> = {}): any {
  const data = JSON.parse(
    readFileSync(new URL(`../../fixtures/discord/${name}.json`, import.meta.url), 'utf8'),
  );
  const id = snowflake();
  return { ...data, id, ...('token' in data ? { token: `fake-interaction-token-${id}` } : {}), ...patch };
}

/** A real discord.js bot wired to fakes of Discord (REST + gateway) and of the tutor's ports. */
export interface Harness {
  api: FakeDiscordApi;
  gateway: FakeDiscordGateway;
  bot: DiscordBot;
  deps: DiscordDeps;
  model: ScriptedModel;
  log: QuestionLog;
  deduper: ReturnType<typeof createMemoryEventDeduper>;
  logger: ReturnType<typeof createRecordingLogger>;
  /** Sends a gateway dispatch, as Discord would. */
  dispatch(type: 'INTERACTION_CREATE' | 'MESSAGE_CREATE', data: unknown): void;
  /** The requests to one interaction's callback and webhook routes, in the order they arrived. */
  interactionCalls(interaction: { id: string; token: string }): RecordedDiscordRequest[];
  close(): Promise<void>;
}

/** Options of {@link startHarness}. */
export interface HarnessOptions {
  publicUrl?: string;
  limits?: UsageLimits;
  newsletter?: NewsletterSignup | null;
  questionLog?: QuestionLog;
  /** Replaces the in-memory deduper the bot claims messages with. */
  eventDeduper?: EventDeduper;
  /** The content library's files (default: the small fixture library, which has no practice items). */
  contentFiles?: ContentFile[];
  /** Replaces the practice service (default: in memory over the fixture library, which has no items). */
  practice?: DiscordDeps['practice'];
  /** Replaces explain-it-back (default: no model, over the harness's library). */
  explainBack?: DiscordDeps['explainBack'];
  /** Review reminders for `/practice remind:` (default: none, as without a database). */
  reminders?: DiscordDeps['reminders'];
}

/** Starts the fakes, builds the bot the way the service module does, connects it and waits for READY. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const built = buildLibrary(options.contentFiles ?? (await fixtureFiles()));
  if (!built.ok) throw new Error('fixture library is invalid');
  const library = createLibraryStore(built.library);
  const retriever = createLiveRetriever(library, { frequencies: englishFrequencies() });
  const log = options.questionLog ?? createMemoryQuestionLog();
  const logger = createRecordingLogger();
  const discordLogger = logger.child({ component: 'discord' });
  const model = createScriptedModel();
  const clock = { now: () => new Date() };
  const guard = options.limits
    ? createUsageGuard({ questionLog: log, clock, limits: options.limits })
    : undefined;
  const tutor = createTutor({
    retriever,
    llm: model,
    questionLog: log,
    logger,
    clock,
    userSalt: 'discord-test-salt-0123',
    stablePrefix: createStablePrefix(() => library.current()),
    maxTokens: 500,
    guard,
  });
  const deduper = createMemoryEventDeduper();
  const deps: DiscordDeps = {
    tutor,
    library,
    retriever,
    questionLog: log,
    newsletter: options.newsletter ?? null,
    eventDeduper: options.eventDeduper ?? deduper,
    practice:
      options.practice ??
      createPracticeService({
        store: createMemoryPracticeStore(),
        scheduler: createReviewScheduler(),
        clock,
        library: () => library.current(),
        newId: randomUUID,
      }),
    learnerOf: (userId) => chatLearner('discord-test-salt-0123', 'discord', userId),
    explainBack:
      options.explainBack ??
      createExplainBack({
        library: () => library.current(),
        llm: null,
        questionLog: log,
        logger: discordLogger,
        clock,
        userSalt: 'discord-test-salt-0123',
        maxTokens: 500,
      }),
    reminders: options.reminders ?? null,
    logger: discordLogger,
    inFlight: createInFlight(),
    publicUrl: options.publicUrl,
    draftIntervalMs: 5,
  };

  const gateway = await startFakeDiscordGateway({
    user: BOT_USER,
    applicationId: IDS.bot,
    guilds: [fixture('guild-create', { id: IDS.guild })],
  });
  const api = await startFakeDiscordApi({ bot: BOT_USER, gatewayUrl: gateway.url });
  const bot = createDiscordBot({ token: TOKEN, applicationId: IDS.bot, apiUrl: api.url, deps });
  const ready = new Promise<void>((resolve) => bot.client.once(Events.ClientReady, () => resolve()));
  await bot.login();
  await ready;

  return {
    api,
    gateway,
    bot,
    deps,
    model,
    log,
    deduper,
    logger,
    dispatch: (type, data) => gateway.dispatch(type, data),
    interactionCalls: ({ id, token }) =>
      api.requests.filter((r) => r.path.startsWith(`/interactions/${id}/`) || r.path.includes(`/${token}`)),
    async close() {
      await bot.destroy();
      await gateway.close();
      await api.close();
    },
  };
}
