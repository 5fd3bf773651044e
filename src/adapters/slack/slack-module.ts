import { HTTPReceiver, type Receiver, SocketModeReceiver } from '@slack/bolt';
import type { Container } from '../../container.js';
import { ConfigError } from '../../core/errors.js';
import type { ServiceModule } from '../../service-module.js';
import { createBoltLogger } from './app/bolt-logger.js';
import { slackClientOptions } from './app/client-options.js';
import { createSlackApp } from './app/create-slack-app.js';
import { slackHttpMount } from './app/http-mount.js';
import { createInflight } from './app/inflight.js';
import { slackErrorCode, TOKEN_ERRORS } from './app/slack-error.js';
import { DEFAULT_DRAFT_INTERVAL_MS, type SlackDeps } from './slack-deps.js';
import { SLACK_EVENTS_PATH, slackStatus, transport } from './slack-status.js';

/** How long shutdown waits for answers already being written. */
const DRAIN_MS = 20_000;

/** The listeners' dependencies, from the container. */
export function slackDepsFrom(container: Container): SlackDeps {
  const { config } = container;
  return {
    tutor: container.tutor,
    questionLog: container.questionLog,
    eventDeduper: container.eventDeduper,
    newsletter: container.newsletter,
    logger: container.logger,
    inflight: createInflight(),
    settings: {
      publicUrl: config.PUBLIC_URL,
      threadContext: config.SLACK_THREAD_CONTEXT,
      answerChannel: config.SLACK_ANSWER_CHANNEL,
      draftIntervalMs: DEFAULT_DRAFT_INTERVAL_MS,
    },
  };
}

/**
 * The tutor in Slack. Socket Mode when SLACK_APP_TOKEN is set (no public URL
 * needed), otherwise HTTP at POST /slack/events on the service's own port.
 * Both share the same App and listeners; only the receiver differs.
 */
export const slackModule: ServiceModule = {
  name: 'slack',
  status: (container) => slackStatus(container.config),
  async start({ container, mount }) {
    const { config, logger } = container;
    const chosen = transport(config);
    if (!config.SLACK_BOT_TOKEN || !chosen)
      throw new ConfigError(`Slack cannot start: ${slackStatus(config).detail}`);
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
    const deps = slackDepsFrom(container);
    const { app, identify } = createSlackApp({
      receiver,
      botToken: config.SLACK_BOT_TOKEN,
      clientOptions,
      logger: boltLogger,
      deps,
    });

    try {
      const bot = await identify();
      logger.info('slack: connected', { team: bot.team, botUserId: bot.botUserId, mode: chosen.mode });
    } catch (error) {
      const code = slackErrorCode(error);
      if (code && TOKEN_ERRORS.has(code)) {
        throw new ConfigError(
          `SLACK_BOT_TOKEN was rejected by Slack (${code}). Copy the Bot User OAuth Token (xoxb-…) from the app's OAuth & Permissions page; reinstall the app if it was revoked.`,
        );
      }
      // Slack unreachable is not a configuration problem: the first event retries.
      logger.warn('slack: could not verify SLACK_BOT_TOKEN yet; will retry on the first event', {
        error: String(error),
      });
    }

    if (receiver instanceof HTTPReceiver) mount(slackHttpMount(receiver, logger));
    else await app.start();

    return {
      async stop() {
        if (!(receiver instanceof HTTPReceiver)) await app.stop();
        if (!(await deps.inflight.drain(DRAIN_MS)))
          logger.warn('slack: stopped with answers still being written', { pending: deps.inflight.size });
      },
    };
  },
};

export { slackStatus } from './slack-status.js';
