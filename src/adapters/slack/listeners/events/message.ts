import type { AllMiddlewareArgs, App, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { IncomingMessage } from '../../answering/decide.js';
import { handleMessage } from '../../answering/handle-message.js';
import type { SlackDeps } from '../../slack-deps.js';
import { safely } from '../safely.js';

type Args = SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs;

/**
 * Every message in a conversation the bot is in: DMs, follow-ups in threads
 * it answered, the answer channel, and the `message` copy of a mention. Most
 * are none of these, and the bot stays silent.
 */
export function registerMessage(app: App, deps: SlackDeps): void {
  app.event(
    'message',
    safely(deps, 'message', async ({ event, body, client, context }: Args, signal) => {
      await handleMessage(deps, {
        client,
        teamId: body.team_id,
        bot: { botUserId: context.botUserId, botId: context.botId },
        message: event as unknown as IncomingMessage,
        signal,
      });
    }),
  );
}
