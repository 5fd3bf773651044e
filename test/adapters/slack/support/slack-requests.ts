import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** A saved Slack payload from test/fixtures/slack, parsed fresh so tests can change it. */
export function slackFixture<T = any>(name: string, replacements: Record<string, string> = {}): T {
  let text = readFileSync(new URL(`../../../fixtures/slack/${name}.json`, import.meta.url), 'utf8');
  for (const [from, to] of Object.entries(replacements)) text = text.split(from).join(to);
  return JSON.parse(text) as T;
}

/** Slack's v0 request signature: HMAC-SHA256 over `v0:<timestamp>:<body>` with the signing secret. */
export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/** Options for one signed request. */
export interface SendOptions {
  /** Seconds since the epoch; defaults to now. */
  timestamp?: number;
  /** Overrides the computed signature (forgeries). */
  signature?: string;
  /** X-Slack-Retry-Num, as Slack sets it on re-sends. */
  retryNum?: number;
}

/** A Slack-shaped HTTP client: signs requests the way Slack does and posts them to the app. */
export interface SlackSender {
  event(payload: unknown, options?: SendOptions): Promise<Response>;
  command(fields: Record<string, string>, options?: SendOptions): Promise<Response>;
  interaction(payload: unknown, options?: SendOptions): Promise<Response>;
  signed(body: string, contentType: string, options?: SendOptions): Promise<Response>;
}

/** Posts signed requests to `url` (the app's /slack/events). */
export function createSlackSender(url: string, signingSecret: string): SlackSender {
  const signed = (body: string, contentType: string, options: SendOptions = {}) => {
    const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
    const headers: Record<string, string> = {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': options.signature ?? slackSignature(signingSecret, timestamp, body),
      'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
    };
    if (options.retryNum !== undefined) {
      headers['x-slack-retry-num'] = String(options.retryNum);
      headers['x-slack-retry-reason'] = 'http_timeout';
    }
    return fetch(url, { method: 'POST', headers, body });
  };
  return {
    signed,
    event: (payload, options) => signed(JSON.stringify(payload), 'application/json', options),
    command: (fields, options) =>
      signed(new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded', options),
    interaction: (payload, options) =>
      signed(
        new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
        'application/x-www-form-urlencoded',
        options,
      ),
  };
}
