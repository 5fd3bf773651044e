import { HTTPReceiver, type Receiver, SocketModeReceiver } from '@slack/bolt';
import type { Container } from '../../container.js';
import { ConfigError, errorFields } from '../../core/errors.js';
import type { ServiceModule } from '../../service-module.js';
import { secureHeaderValues } from '../web/security/secure-header-values.js';
import { createSharedAnswers } from './answering/shared-answers.js';
import { sweepOpenPlaceholders } from './answering/sweep-placeholders.js';
import { createBoltLogger } from './app/bolt-logger.js';
import { slackClientOptions } from './app/client-options.js';
import { createSlackApp } from './app/create-slack-app.js';
import { slackHttpMount } from './app/http-mount.js';
import { slackErrorCode, TOKEN_ERRORS } from './app/slack-error.js';
import { createHomeCache } from './home/home-cache.js';
import { createWeekConcept } from './home/week-concept.js';
import { DEFAULT_DRAFT_INTERVAL_MS, DEFAULT_HOME_CACHE_MS, type SlackDeps } from './slack-deps.js';
import { SLACK_EVENTS_PATH, slackStatus, transport } from './slack-status.js';

/** How often placeholders left behind by a crash are looked for, besides at start. */
const SWEEP_EVERY_MS = 60_000;

/** The listeners' dependencies, from the container. */
export function slackDepsFrom(container: Container): SlackDeps {
  const { config, clock } = container;
  const logger = container.logger.child({ component: 'slack' });
  const library = () => container.content.store.current();
  const digest = container.newsletter?.services.digest;
  return {
    tutor: container.tutor,
    questionLog: container.questionLog,
    eventDeduper: container.eventDeduper,
    newsletter: container.signup,
    subscriptionStatus: container.newsletter?.subscriptions ?? null,
    library,
    weekConcept: createWeekConcept({
      digestConcept: digest ? async () => (await digest.preview()).content.concept : undefined,
      library,
      clock,
      ttlMs: DEFAULT_HOME_CACHE_MS,
      logger,
    }),
    clock,
    logger,
    inFlight: container.inFlight,
    openPlaceholders: container.openPlaceholders,
    sharedAnswers: createSharedAnswers({ clock }),
    homeCache: createHomeCache({ clock, ttlMs: DEFAULT_HOME_CACHE_MS }),
    practice: container.practice,
    explainBack: container.explainBack,
    learnerOf: (userId) => container.practiceLearner('slack', userId),
    reminders: container.reminders ? { settings: container.reminders, fallbackZone: config.DIGEST_TZ } : null,
    learnerLinking: container.learnerLinking,
    settings: {
      publicUrl: config.PUBLIC_URL,
      threadContext: config.SLACK_THREAD_CONTEXT,
      answerChannel: config.SLACK_ANSWER_CHANNEL,
      draftIntervalMs: DEFAULT_DRAFT_INTERVAL_MS,
      streaming: config.SLACK_STREAMING,
      homeCacheMs: DEFAULT_HOME_CACHE_MS,
    },
  };
}

/**
 * How old an open placeholder must be before a sweep may finish it. With
 * embedded PGlite only this process uses the database, so anything recorded
 * before it started is a leftover. On a PostgreSQL server other replicas may
 * still be answering: wait out the longest an answer can take (every model
 * attempt, then a full drain).
 */
export function staleAfterMs(container: Container): number {
  if (container.database?.kind !== 'postgres') return 0;
  const { config } = container;
  const modelMs = config.ANTHROPIC_TIMEOUT_MS * (config.ANTHROPIC_MAX_RETRIES + 1);
  return modelMs + config.SHUTDOWN_DRAIN_SECONDS * 1000 + 60_000;
}

/**
 * The tutor in Slack. Socket Mode when SLACK_APP_TOKEN is set (no public URL
 * needed), otherwise HTTP at POST /slack/events on the service's own port.
 * Both share the same App and listeners; only the receiver differs. Answers
 * in progress are drained by the service (start-service.ts), not here.
 */
export const slackModule: ServiceModule = {
  name: 'slack',
  status: (container) => slackStatus(container.config),
  async start({ container, mount }) {
    const { config, clock } = container;
    const chosen = transport(config);
    if (!config.SLACK_BOT_TOKEN || !chosen)
      throw new ConfigError(`Slack cannot start: ${slackStatus(config).detail}`);
    const deps = slackDepsFrom(container);
    const { logger } = deps;
    const startedAt = clock.now().getTime();
    const boltLogger = createBoltLogger(logger);
    const clientOptions = slackClientOptions({ slackApiUrl: config.SLACK_API_URL, logger: boltLogger });
    const receiver: Receiver =
      chosen.mode === 'socket'
        ? new SocketModeReceiver({
            appToken: chosen.appToken,
            logger: boltLogger,
            installerOptions: { clientOptions: { slackApiUrl: clientOptions.slackApiUrl } },
          })
        : new HTTPReceiver({
            signingSecret: chosen.signingSecret,
            endpoints: SLACK_EVENTS_PATH,
            logger: boltLogger,
            processBeforeResponse: false,
          });
    const { app, client, identify } = createSlackApp({
      receiver,
      botToken: config.SLACK_BOT_TOKEN,
      clientOptions,
      logger: boltLogger,
      deps,
    });

    let knownBotUserId: string | undefined;
    const botUserId = () => knownBotUserId;
    try {
      const bot = await identify();
      knownBotUserId = bot.botUserId;
      logger.info('connected', { team: bot.team, botUserId: bot.botUserId, mode: chosen.mode });
    } catch (error) {
      const code = slackErrorCode(error);
      if (code && TOKEN_ERRORS.has(code)) {
        throw new ConfigError(
          `SLACK_BOT_TOKEN was rejected by Slack (${code}). Copy the Bot User OAuth Token (xoxb-…) from the app's OAuth & Permissions page; reinstall the app if it was revoked.`,
        );
      }
      // Slack unreachable is not a configuration problem: the first event retries.
      logger.warn('could not verify SLACK_BOT_TOKEN yet; will retry on the first event', errorFields(error));
    }

    if (receiver instanceof HTTPReceiver)
      mount(
        slackHttpMount(receiver, logger, {
          headers: await secureHeaderValues({ hsts: config.PUBLIC_URL?.startsWith('https:') ?? false }),
        }),
      );
    else await app.start();

    // Placeholders, streams and statuses a crash left open: finished with an apology, now and every minute.
    const staleMs = staleAfterMs(container);
    const sweep = () =>
      container.inFlight
        .run(() =>
          sweepOpenPlaceholders({
            client,
            openPlaceholders: deps.openPlaceholders,
            olderThan: new Date(staleMs === 0 ? startedAt : clock.now().getTime() - staleMs),
            logger,
            botUserId: botUserId(),
          }),
        )
        .catch((error: unknown) =>
          logger.warn('could not look for unfinished placeholders', errorFields(error)),
        );
    void sweep();
    const sweeper = setInterval(() => void sweep(), SWEEP_EVERY_MS);
    sweeper.unref();

    let socketOpen = !(receiver instanceof HTTPReceiver);
    const closeSocket = async () => {
      if (!socketOpen) return;
      socketOpen = false;
      await app.stop();
    };
    return {
      // Socket Mode: stop taking events, so Slack delivers new ones to another connection while answers finish.
      async quiesce() {
        clearInterval(sweeper);
        await closeSocket();
      },
      async stop() {
        clearInterval(sweeper);
        await closeSocket();
      },
    };
  },
};

export { slackStatus } from './slack-status.js';
