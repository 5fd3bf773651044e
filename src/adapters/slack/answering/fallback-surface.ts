import type { Logger } from '../../../core/ports.js';
import { NOT_IN_CONVERSATION, slackErrorCode } from '../app/slack-error.js';
import type { AnswerSurface } from './answer-surface.js';

/**
 * Uses `primary` (a public placeholder) and switches to `fallback` when the
 * bot is not allowed to post in the conversation, which is common for /ask:
 * slash commands work in every channel, bots only post where they are members.
 */
export function withFallbackSurface(
  primary: AnswerSurface,
  fallback: AnswerSurface,
  logger: Logger,
): AnswerSurface {
  let active = primary;
  return {
    async start() {
      try {
        await primary.start();
      } catch (error) {
        const code = slackErrorCode(error);
        if (!code || !NOT_IN_CONVERSATION.has(code)) throw error;
        logger.info('cannot post in this conversation; answering only the asker', { code });
        active = fallback;
        await fallback.start();
      }
    },
    draft: (soFar) => active.draft(soFar),
    finish: (answer) => active.finish(answer),
  };
}
