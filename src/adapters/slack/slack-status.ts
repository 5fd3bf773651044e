import type { Config } from '../../config/env-schema.js';
import type { ModuleStatus } from '../../service-module.js';

/** Where Slack posts signed requests in HTTP mode, on the service's own port. */
export const SLACK_EVENTS_PATH = '/slack/events';

// Kept free of @slack/bolt so the service can report Slack's status without loading it.

/** Socket Mode wins over HTTP when both are configured. */
export type Transport = { mode: 'socket'; appToken: string } | { mode: 'http'; signingSecret: string };

/** Which transport the config selects, or null when Slack is off. */
export function transport(config: Config): Transport | null {
  if (config.SLACK_APP_TOKEN) return { mode: 'socket', appToken: config.SLACK_APP_TOKEN };
  if (config.SLACK_SIGNING_SECRET) return { mode: 'http', signingSecret: config.SLACK_SIGNING_SECRET };
  return null;
}

/** The Slack module's on/off line for the startup summary. */
export function slackStatus(config: Config): ModuleStatus {
  const chosen = transport(config);
  if (!config.SLACK_BOT_TOKEN)
    return {
      on: false,
      detail: 'set SLACK_BOT_TOKEN and SLACK_APP_TOKEN or SLACK_SIGNING_SECRET; see docs/slack.md',
    };
  if (!chosen)
    return {
      on: false,
      detail:
        'SLACK_BOT_TOKEN is set, but neither SLACK_APP_TOKEN (Socket Mode) nor SLACK_SIGNING_SECRET (HTTP) is',
    };
  if (chosen.mode === 'socket')
    return {
      on: true,
      detail: `Socket Mode${config.SLACK_SIGNING_SECRET ? '; SLACK_SIGNING_SECRET is unused while SLACK_APP_TOKEN is set' : ''}`,
    };
  const url = config.PUBLIC_URL
    ? `${config.PUBLIC_URL.replace(/\/+$/, '')}${SLACK_EVENTS_PATH}`
    : `POST ${SLACK_EVENTS_PATH} on port ${config.PORT}`;
  return { on: true, detail: `HTTP, Request URL ${url}` };
}
