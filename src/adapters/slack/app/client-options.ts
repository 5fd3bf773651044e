import type { Logger as BoltLogger, webApi } from '@slack/bolt';

/**
 * Web API client options. Bolt's default retries for about half an hour,
 * which suits batch jobs; a person waiting on an answer is better served by a
 * few quick retries and a clear apology.
 */
export function slackClientOptions(options: {
  slackApiUrl?: string | undefined;
  logger: BoltLogger;
}): webApi.WebClientOptions {
  return {
    ...(options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {}),
    logger: options.logger,
    timeout: 15_000,
    retryConfig: { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 4000 },
  };
}
