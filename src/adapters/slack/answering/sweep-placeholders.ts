import type { webApi } from '@slack/bolt';
import { INTERRUPTED_APOLOGY } from '../../../core/chat/user-replies.js';
import { errorFields } from '../../../core/errors.js';
import type { Logger, OpenPlaceholder, OpenPlaceholders } from '../../../core/ports.js';
import { escapeMrkdwn } from '../render/markdown-to-mrkdwn.js';
import { BLOCK_IDS, type SlackBlock, section } from '../render/slack-message.js';

interface ReadMessage {
  ts?: string;
  blocks?: Array<SlackBlock & { block_id?: string }>;
}

/** The placeholder as Slack has it now, or undefined when it cannot be read (missing *:history scope). */
async function readPlaceholder(
  client: webApi.WebClient,
  p: OpenPlaceholder,
): Promise<ReadMessage | undefined> {
  try {
    const result = await client.conversations.replies({
      channel: p.channel,
      ts: p.messageId,
      limit: 1,
      inclusive: true,
    });
    return ((result.messages ?? []) as ReadMessage[]).find((m) => m.ts === p.messageId);
  } catch {
    return undefined;
  }
}

/**
 * Finishes the placeholders a crash (or a drain cut short) left saying
 * "Looking that up…": each is replaced with an apology and a retry hint,
 * keeping the "who asked" line of an /ask. A message that already shows an
 * answer (its clean-up record was lost) is left alone. Returns how many were
 * finished.
 */
export async function sweepOpenPlaceholders(options: {
  client: webApi.WebClient;
  openPlaceholders: OpenPlaceholders;
  /** Only placeholders recorded before this are taken: newer ones may still be answered by a running replica. */
  olderThan: Date;
  logger: Logger;
}): Promise<number> {
  const { client, logger } = options;
  const stale = await options.openPlaceholders.takeStale('slack', options.olderThan);
  let finished = 0;
  for (const placeholder of stale) {
    const where = { channel: placeholder.channel, ts: placeholder.messageId };
    const current = await readPlaceholder(client, placeholder);
    if (current?.blocks && !current.blocks.some((b) => b.block_id === BLOCK_IDS.progress)) continue;
    const asked = current?.blocks?.find((b) => b.block_id === BLOCK_IDS.question);
    try {
      await client.chat.update({
        channel: placeholder.channel,
        ts: placeholder.messageId,
        text: INTERRUPTED_APOLOGY,
        blocks: [...(asked ? [asked] : []), section(`:warning: ${escapeMrkdwn(INTERRUPTED_APOLOGY)}`)],
      });
      finished += 1;
    } catch (error) {
      logger.warn('could not finish a placeholder left by a restart', { ...where, ...errorFields(error) });
    }
  }
  if (finished > 0) logger.info('finished placeholders left by a restart with an apology', { finished });
  return finished;
}
