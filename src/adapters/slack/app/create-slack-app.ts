import { App, type Logger as BoltLogger, type Receiver, webApi } from '@slack/bolt';
import { errorFields } from '../../../core/errors.js';
import { registerListeners } from '../listeners/index.js';
import type { SlackDeps } from '../slack-deps.js';
import { createAuthorize, type VerifiedBot } from './create-authorize.js';

/** Options of {@link createSlackApp}: everything the App needs is passed in. */
export interface SlackAppOptions {
  /** An HTTPReceiver (signed requests) or a SocketModeReceiver. */
  receiver: Receiver;
  botToken: string;
  /** Web API client options; `slackApiUrl` points the client at a proxy or a test fake. */
  clientOptions: webApi.WebClientOptions;
  logger: BoltLogger;
  deps: SlackDeps;
}

/** A wired Bolt app. */
export interface SlackApp {
  app: App;
  /** A Web API client with the bot token, for work outside a listener (the placeholder sweep). */
  client: webApi.WebClient;
  /** auth.test, remembered once it succeeds. */
  identify(): Promise<VerifiedBot>;
}

/**
 * Builds the Bolt App for one workspace and registers every listener. The
 * receiver decides the transport, so Socket Mode and HTTP share all of this.
 */
export function createSlackApp(options: SlackAppOptions): SlackApp {
  const { deps } = options;
  const client = new webApi.WebClient(options.botToken, options.clientOptions);
  const { authorize, identify } = createAuthorize(client, options.botToken);
  const app = new App({
    receiver: options.receiver,
    authorize,
    clientOptions: options.clientOptions,
    logger: options.logger,
    // No conversation state is kept between events: threads are read from Slack when needed.
    convoStore: false,
    ignoreSelf: true,
  });
  registerListeners(app, deps);
  app.error(async (error) => {
    deps.logger.error('unhandled error in Bolt', errorFields(error));
  });
  return { app, client, identify };
}
