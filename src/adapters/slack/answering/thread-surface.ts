import type { webApi } from '@slack/bolt';
import type { Logger } from '../../../core/ports.js';
import { draftMessage, progressMessage } from '../render/progress-message.js';
import type { SlackMessage } from '../render/slack-message.js';
import type { AnswerSurface } from './answer-surface.js';

/** Options of {@link createThreadSurface}. */
export interface ThreadSurfaceOptions {
  client: webApi.WebClient;
  channel: string;
  /** Thread to answer in; top-level when undefined (continuations then go in the answer's own thread). */
  threadTs?: string | undefined;
  /** mrkdwn kept above the answer (who asked, for /ask). */
  header?: string | undefined;
  /** Minimum time between streamed updates. */
  draftIntervalMs: number;
  logger: Logger;
}

/**
 * Posts a placeholder, streams the answer into it with throttled chat.update
 * calls, and replaces it with the final blocks. Updates go out one at a time
 * in order, and a pending draft is dropped once the final answer is ready, so
 * a late draft can never overwrite the answer.
 */
export function createThreadSurface(options: ThreadSurfaceOptions): AnswerSurface {
  const { client, channel, logger } = options;
  let ts: string | undefined;
  let latest = '';
  let timer: NodeJS.Timeout | undefined;
  let finished = false;
  let queue: Promise<void> = Promise.resolve();

  const post = async (message: SlackMessage, threadTs: string | undefined) =>
    (
      await client.chat.postMessage({
        channel,
        text: message.text,
        blocks: message.blocks,
        ...(threadTs ? { thread_ts: threadTs } : {}),
        unfurl_links: false,
        unfurl_media: false,
      })
    ).ts;

  function flush(): void {
    timer = undefined;
    const message = draftMessage(latest, options.header);
    if (!message || finished || !ts) return;
    const messageTs = ts;
    queue = queue
      .then(() => client.chat.update({ channel, ts: messageTs, text: message.text, blocks: message.blocks }))
      .then(
        () => undefined,
        (error: unknown) =>
          logger.warn('slack: could not stream a draft into the placeholder', {
            channel,
            error: String(error),
          }),
      );
  }

  return {
    async start() {
      ts = await post(progressMessage(options.header), options.threadTs);
    },
    draft(markdownSoFar) {
      if (finished || !ts) return;
      latest = markdownSoFar;
      timer ??= setTimeout(flush, options.draftIntervalMs);
    },
    async finish(messages) {
      finished = true;
      clearTimeout(timer);
      await queue;
      const [first, ...rest] = messages;
      if (!first) return;
      if (ts) await client.chat.update({ channel, ts, text: first.text, blocks: first.blocks });
      else ts = await post(first, options.threadTs);
      for (const message of rest) await post(message, options.threadTs ?? ts);
    },
  };
}
