import type { RespondFn } from '@slack/bolt';
import { shareBlock } from '../render/share-blocks.js';
import { context } from '../render/slack-message.js';
import type { AnswerSurface } from './answer-surface.js';
import type { SharedAnswers } from './shared-answers.js';

/** Where an ephemeral answer may be shared from, and by whom. */
export interface ShareOptions {
  sharedAnswers: SharedAnswers;
  asker: string;
  channel: string;
}

/**
 * Answers only the asker, through the slash command's response_url. Used when
 * /ask comes from a conversation the bot is not a member of, where it cannot
 * post; response_url works everywhere, but cannot be streamed into. With
 * `share`, an answer (not an error) gets a "Share in channel" button.
 */
export function createEphemeralSurface(
  respond: RespondFn,
  note: string,
  share?: ShareOptions,
): AnswerSurface {
  return {
    async start() {},
    draft() {},
    async finish({ messages, stream }) {
      const token =
        share && stream
          ? share.sharedAnswers.keep({ asker: share.asker, channel: share.channel, messages })
          : undefined;
      for (const [i, message] of messages.entries()) {
        const blocks = [
          ...(i === 0 ? [context(note)] : []),
          ...message.blocks,
          ...(token && i === messages.length - 1 ? [shareBlock(token)] : []),
        ];
        await respond({ response_type: 'ephemeral', replace_original: false, text: message.text, blocks });
      }
    },
  };
}
