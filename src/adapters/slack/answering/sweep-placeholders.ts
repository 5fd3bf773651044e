import type { webApi } from '@slack/bolt';
import { INTERRUPTED_APOLOGY } from '../../../core/chat/user-replies.js';
import { errorFields } from '../../../core/errors.js';
import type { Logger, OpenPlaceholder, OpenPlaceholders } from '../../../core/ports.js';
import { escapeMrkdwn } from '../render/markdown-to-mrkdwn.js';
import { BLOCK_IDS, type SlackBlock, section } from '../render/slack-message.js';
import { compareTs } from './thread-history.js';

interface ReadMessage {
  ts?: string;
  user?: string;
  bot_id?: string;
  blocks?: Array<SlackBlock & { block_id?: string }>;
}

/** Messages of a thread as Slack has them now, or undefined when they cannot be read (missing *:history scope). */
async function readMessages(
  client: webApi.WebClient,
  channel: string,
  ts: string,
  limit: number,
): Promise<ReadMessage[] | undefined> {
  try {
    const result = await client.conversations.replies({ channel, ts, limit, inclusive: true });
    return (result.messages ?? []) as ReadMessage[];
  } catch {
    return undefined;
  }
}

/** Blocks only a finished answer has: a stream gets them with chat.stopStream. */
const FINISHED = new Set<string>([BLOCK_IDS.sources, BLOCK_IDS.suggestions, BLOCK_IDS.feedback]);

const apologyBlocks = (asked?: SlackBlock): SlackBlock[] => [
  ...(asked ? [asked] : []),
  section(`:warning: ${escapeMrkdwn(INTERRUPTED_APOLOGY)}`),
];

/**
 * Finishes one left-over placeholder. Returns true when it showed an apology.
 * - `message`: the "Looking that up…" message is replaced, keeping the "who
 *   asked" line of an /ask; one that already shows an answer is left alone.
 * - `stream`: a native stream is stopped (Slack ends one by itself after
 *   about five minutes, so this may fail) and replaced, unless it was
 *   finished (it has the footer blocks).
 * - `status`: nothing was posted; the apology goes into the thread, unless
 *   the bot already replied there after the question.
 */
async function finishOne(client: webApi.WebClient, p: OpenPlaceholder, botUserId?: string): Promise<boolean> {
  const kind = p.kind ?? 'message';
  if (kind === 'status') {
    const threadTs = p.threadTs ?? p.messageId;
    const thread = await readMessages(client, p.channel, threadTs, 200);
    const answered = thread?.some(
      (m) => !!m.ts && compareTs(m.ts, p.messageId) > 0 && (botUserId ? m.user === botUserId : !!m.bot_id),
    );
    if (answered) return false;
    await client.chat.postMessage({
      channel: p.channel,
      thread_ts: threadTs,
      text: INTERRUPTED_APOLOGY,
      blocks: apologyBlocks(),
    });
    return true;
  }
  const current = (await readMessages(client, p.channel, p.messageId, 1))?.find((m) => m.ts === p.messageId);
  if (kind === 'message' && current?.blocks && !current.blocks.some((b) => b.block_id === BLOCK_IDS.progress))
    return false;
  if (kind === 'stream') {
    if (current?.blocks?.some((b) => !!b.block_id && FINISHED.has(b.block_id))) return false;
    await client.chat.stopStream({ channel: p.channel, ts: p.messageId }).catch(() => undefined);
  }
  const asked = current?.blocks?.find((b) => b.block_id === BLOCK_IDS.question);
  await client.chat.update({
    channel: p.channel,
    ts: p.messageId,
    text: INTERRUPTED_APOLOGY,
    blocks: apologyBlocks(asked),
  });
  return true;
}

/**
 * Finishes what a crash (or a drain cut short) left open: placeholders still
 * saying "Looking that up…", streams never stopped, and statuses with nothing
 * posted under them. Each gets an apology and a retry hint; what already
 * shows an answer (its clean-up record was lost) is left alone. Returns how
 * many were finished.
 */
export async function sweepOpenPlaceholders(options: {
  client: webApi.WebClient;
  openPlaceholders: OpenPlaceholders;
  /** Only placeholders recorded before this are taken: newer ones may still be answered by a running replica. */
  olderThan: Date;
  logger: Logger;
  /** The bot's user id, to recognise its replies in a thread. */
  botUserId?: string | undefined;
}): Promise<number> {
  const { client, logger } = options;
  const stale = await options.openPlaceholders.takeStale('slack', options.olderThan);
  let finished = 0;
  for (const placeholder of stale) {
    try {
      if (await finishOne(client, placeholder, options.botUserId)) finished += 1;
    } catch (error) {
      logger.warn('could not finish a placeholder left by a restart', {
        channel: placeholder.channel,
        ts: placeholder.messageId,
        kind: placeholder.kind ?? 'message',
        ...errorFields(error),
      });
    }
  }
  if (finished > 0) logger.info('finished placeholders left by a restart with an apology', { finished });
  return finished;
}
