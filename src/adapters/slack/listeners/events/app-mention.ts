import type { AllMiddlewareArgs, App, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { IncomingMessage } from '../../answering/decide.js';
import { handleMessage } from '../../answering/handle-message.js';
import type { SlackDeps } from '../../slack-deps.js';
import { safely } from '../safely.js';

type Args = SlackEventMiddlewareArgs<'app_mention'> & AllMiddlewareArgs;

/** `@tutor question` in a channel: answered in a thread. */
export function registerAppMention(app: App, deps: SlackDeps): void {
  app.event(
    'app_mention',
    safely(deps, 'app_mention', async ({ event, body, client, context }: Args, signal) => {
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
