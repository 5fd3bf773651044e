import type { webApi } from '@slack/bolt';
import { createThrottledDraft, type ThrottledDraft } from '../../../core/chat/throttled-draft.js';
import { errorFields } from '../../../core/errors.js';
import type { Logger, OpenPlaceholders } from '../../../core/ports.js';
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
  /** Where the placeholder is recorded until it is finished. */
  openPlaceholders: OpenPlaceholders;
  logger: Logger;
}

/**
 * Posts a placeholder, streams the answer into it through the shared
 * throttled draft (chat.update at most once per interval), and replaces it
 * with the final blocks. The placeholder is recorded while it is open, so
 * one left behind by a crash is swept with an apology at the next start.
 */
export function createThreadSurface(options: ThreadSurfaceOptions): AnswerSurface {
  const { client, channel, logger } = options;
  let ts: string | undefined;
  let drafts: ThrottledDraft | undefined;

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
  const placeholder = (messageId: string) => ({ platform: 'slack' as const, channel, messageId });

  return {
    async start() {
      ts = await post(progressMessage(options.header), options.threadTs);
      if (!ts) return;
      const messageTs = ts;
      drafts = createThrottledDraft({
        intervalMs: options.draftIntervalMs,
        render: (text) => draftMessage(text, options.header),
        show: async (message) => {
          await client.chat.update({ channel, ts: messageTs, text: message.text, blocks: message.blocks });
        },
        onError: (error) =>
          logger.warn('could not stream a draft into the placeholder', { channel, ...errorFields(error) }),
      });
      // Without the record the answer still goes out; only a crash mid-answer would leave it unswept.
      await options.openPlaceholders
        .add(placeholder(messageTs))
        .catch((error: unknown) =>
          logger.warn('could not record the open placeholder', { channel, ...errorFields(error) }),
        );
    },
    draft(markdownSoFar) {
      drafts?.offer(markdownSoFar);
    },
    async finish({ messages }) {
      await drafts?.finish();
      const [first, ...rest] = messages;
      if (!first) return;
      if (ts) {
        await client.chat.update({ channel, ts, text: first.text, blocks: first.blocks });
        await options.openPlaceholders
          .remove(placeholder(ts))
          .catch((error: unknown) =>
            logger.warn('could not clear the finished placeholder', { channel, ...errorFields(error) }),
          );
      } else ts = await post(first, options.threadTs);
      for (const message of rest) await post(message, options.threadTs ?? ts);
    },
  };
}
