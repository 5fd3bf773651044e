import type {
  AllMiddlewareArgs,
  App,
  BlockAction,
  ButtonAction,
  SlackActionMiddlewareArgs,
} from '@slack/bolt';
import { errorFields } from '../../../../core/errors.js';
import { tellUser } from '../../answering/tell-user.js';
import { sharedMessages } from '../../render/share-blocks.js';
import { context, SHARE_ACTION } from '../../render/slack-message.js';
import type { SlackDeps } from '../../slack-deps.js';
import { safely } from '../safely.js';

type Args = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/** Said to anyone but the asker who presses an answer's Share button. */
export const NOT_YOURS = 'Only the person who asked can share this answer.';

/** Said when the answer behind a Share button is gone. */
export const SHARE_GONE =
  "This answer can't be shared any more: it was shared already, or it is older than 30 minutes (or the tutor restarted since). Ask again with `/ask` to get a fresh one.";

/**
 * "Share in channel" under an /ask answer only its asker could see: posts
 * it to the conversation through the click's response_url (which works
 * where the bot is not a member), attributed to the asker, with its sources
 * and feedback buttons, then takes the button off the private copy. The
 * button's value is only a token for the kept answer: who shares is the
 * clicking user Slack signed for, and only the asker may; each answer is
 * shared once, so a replayed click posts nothing.
 */
export function registerShareAnswer(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(
    SHARE_ACTION,
    safely(deps, 'share answer', async ({ ack, body, action, client, respond }: Args) => {
      await ack();
      const user = body.user.id;
      const token = action.value ?? '';
      const kept = deps.sharedAnswers.peek(token);
      const tell = (text: string) =>
        tellUser({ client, user, channel: body.channel?.id, respond }, text, deps.logger);
      if (!kept) {
        deps.logger.info('share refused', { reason: 'unknown or used token' });
        await tell(SHARE_GONE);
        return;
      }
      if (kept.asker !== user) {
        deps.logger.warn('share refused', { reason: 'not the asker' });
        await tell(NOT_YOURS);
        return;
      }
      // Taken before posting: two quick clicks share once.
      if (!deps.sharedAnswers.take(token)) {
        await tell(SHARE_GONE);
        return;
      }
      for (const message of sharedMessages(user, kept.messages))
        await respond({
          response_type: 'in_channel',
          replace_original: false,
          text: message.text,
          blocks: message.blocks,
        });
      deps.logger.info('shared an answer', { channel: kept.channel });
      const last = kept.messages.at(-1);
      if (last)
        await respond({
          response_type: 'ephemeral',
          replace_original: true,
          text: last.text,
          blocks: [...last.blocks, context(':white_check_mark: Shared in the channel.')],
        }).catch((error: unknown) =>
          deps.logger.debug('could not take the Share button off', errorFields(error)),
        );
    }),
  );
}
