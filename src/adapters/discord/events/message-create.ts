import { type Client, Events } from 'discord.js';
import { describeError } from '../error-text.js';
import { answerMessage } from '../messages/answer-message.js';
import type { EventContext } from './event-context.js';

/** Mentions and DMs: answered as a reply (see answer-message.ts); every other message is ignored. */
export function registerMessageCreate(client: Client, { deps }: EventContext): void {
  client.on(Events.MessageCreate, (message) => {
    void (async () => {
      try {
        await answerMessage(message, deps, client.user!.id);
      } catch (error) {
        deps.logger.error('discord message handler failed', {
          messageId: message.id,
          ...describeError(error),
        });
      }
    })();
  });
}
