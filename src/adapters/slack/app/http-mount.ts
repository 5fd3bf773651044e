import type { IncomingMessage, ServerResponse } from 'node:http';
import { ErrorCode, type HTTPReceiver } from '@slack/bolt';
import { errorFields } from '../../../core/errors.js';
import type { Logger } from '../../../core/ports.js';
import type { RawMount } from '../../web/http-server.js';

/** Where Slack posts events, commands and interactions in HTTP mode (the Request URL in the manifest). */
export { SLACK_EVENTS_PATH } from '../slack-status.js';

import { SLACK_EVENTS_PATH } from '../slack-status.js';

/** How far a request's timestamp may be from now, either way; Slack's own rule for replays. */
const MAX_SKEW_SECONDS = 5 * 60;

/** Options of {@link slackHttpMount}. */
export interface SlackMountOptions {
  /** Headers added to every response (the web's security headers). */
  headers?: Record<string, string>;
  /** The current time in ms; injectable for tests. */
  now?: () => number;
}

/**
 * True when X-Slack-Request-Timestamp is more than five minutes in the
 * future. Bolt refuses stale timestamps but not future ones, and a signed
 * request from the future could be replayed for as long as it stays "fresh".
 */
function fromTheFuture(req: IncomingMessage, now: number): boolean {
  const header = req.headers['x-slack-request-timestamp'];
  const seconds = Number(Array.isArray(header) ? header[0] : header);
  return Number.isFinite(seconds) && seconds > now / 1000 + MAX_SKEW_SECONDS;
}

/**
 * Mounts Bolt's signed-request listener on the service's own HTTP server.
 * Bolt verifies the signature over the untouched body (401 when forged or
 * older than five minutes; requests from more than five minutes in the
 * future are refused here the same way), acks, and only then runs
 * listeners. Anything else under the prefix, such as a browser GET, gets a
 * plain explanation. Every response carries the web's security headers.
 */
export function slackHttpMount(
  receiver: HTTPReceiver,
  logger: Logger,
  options: SlackMountOptions = {},
): RawMount {
  const now = options.now ?? Date.now;
  return {
    prefix: SLACK_EVENTS_PATH,
    listener(req: IncomingMessage, res: ServerResponse) {
      for (const [name, value] of Object.entries(options.headers ?? {})) res.setHeader(name, value);
      if (req.method === 'POST' && fromTheFuture(req, now())) {
        logger.warn('refused a request timestamped more than five minutes in the future', { url: req.url });
        req.resume();
        res.writeHead(401, { 'content-type': 'text/plain; charset=utf-8' }).end('Unauthorized\n');
        return;
      }
      try {
        receiver.requestListener(req, res);
      } catch (error) {
        if ((error as { code?: string }).code !== ErrorCode.HTTPReceiverDeferredRequestError) {
          logger.error('request listener failed', { url: req.url, ...errorFields(error) });
          if (!res.headersSent) res.writeHead(500).end();
          return;
        }
        const post = req.method === 'POST';
        res.writeHead(post ? 404 : 405, {
          'content-type': 'text/plain; charset=utf-8',
          ...(post ? {} : { allow: 'POST' }),
        });
        res.end(
          post
            ? 'Not found\n'
            : `Slack posts signed requests to ${SLACK_EVENTS_PATH}; it only accepts POST.\n`,
        );
      }
    },
  };
}
