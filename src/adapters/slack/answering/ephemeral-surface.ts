import type { RespondFn } from '@slack/bolt';
import { context } from '../render/slack-message.js';
import type { AnswerSurface } from './answer-surface.js';

/**
 * Answers only the asker, through the slash command's response_url. Used when
 * /ask comes from a conversation the bot is not a member of, where it cannot
 * post; response_url works everywhere, but cannot be streamed into.
 */
export function createEphemeralSurface(respond: RespondFn, note: string): AnswerSurface {
  return {
    async start() {},
    draft() {},
    async finish(messages) {
      for (const [i, message] of messages.entries()) {
        const blocks = i === 0 ? [context(note), ...message.blocks] : message.blocks;
        await respond({ response_type: 'ephemeral', replace_original: false, text: message.text, blocks });
      }
    },
  };
}
