import type { IncomingMessage, ServerResponse } from 'node:http';
import { ErrorCode, type HTTPReceiver } from '@slack/bolt';
import type { Logger } from '../../../core/ports.js';
import type { RawMount } from '../../web/http-server.js';

/** Where Slack posts events, commands and interactions in HTTP mode (the Request URL in the manifest). */
export { SLACK_EVENTS_PATH } from '../slack-status.js';

import { SLACK_EVENTS_PATH } from '../slack-status.js';

/**
 * Mounts Bolt's signed-request listener on the service's own HTTP server.
 * Bolt verifies the signature over the untouched body (401 when forged or
 * older than five minutes), acks, and only then runs listeners. Anything
 * else under the prefix, such as a browser GET, gets a plain explanation.
 */
export function slackHttpMount(receiver: HTTPReceiver, logger: Logger): RawMount {
  return {
    prefix: SLACK_EVENTS_PATH,
    listener(req: IncomingMessage, res: ServerResponse) {
      try {
        receiver.requestListener(req, res);
      } catch (error) {
        if ((error as { code?: string }).code !== ErrorCode.HTTPReceiverDeferredRequestError) {
          logger.error('slack: request listener failed', { url: req.url, error: String(error) });
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
