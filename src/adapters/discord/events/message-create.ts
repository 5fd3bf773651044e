import { type Client, Events } from 'discord.js';
import { errorFields } from '../../../core/errors.js';
import { answerMessage } from '../messages/answer-message.js';
import type { EventContext } from './event-context.js';

/** Mentions and DMs: answered as a reply (see answer-message.ts); every other message is ignored. */
export function registerMessageCreate(client: Client, { deps }: EventContext): void {
  client.on(Events.MessageCreate, (message) => {
    // In flight until answered: a graceful stop waits for it, or aborts `signal` to finish with an apology.
    void deps.inFlight.run(async (signal) => {
      try {
        await answerMessage(message, deps, client.user!.id, signal);
      } catch (error) {
        deps.logger.error('message handler failed', { messageId: message.id, ...errorFields(error) });
      }
    });
  });
}
