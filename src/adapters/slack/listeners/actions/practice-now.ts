import type {
  AllMiddlewareArgs,
  App,
  BlockAction,
  ButtonAction,
  SlackActionMiddlewareArgs,
} from '@slack/bolt';
import { errorFields } from '../../../../core/errors.js';
import { publishHome } from '../../home/publish-home.js';
import { practiceItemBlocks } from '../../render/practice-blocks.js';
import { HOME_IDS, type SlackBlock } from '../../render/slack-message.js';
import type { SlackDeps } from '../../slack-deps.js';
import { safely } from '../safely.js';

type Args = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/** Shown on the Home tab when the first question could not be sent to the DM. */
export const PRACTICE_DM_FAILED =
  "I couldn't send you a question in our DM just now. Type `/practice` anywhere to start.";

/**
 * "Practice now" on the Home tab: starts the /practice flow in the member's
 * DM with the app, by posting the next question there (the same message
 * /practice shows, whose buttons grade and go on). The learner is the user
 * Slack signed the click for; nothing in the payload is read. When the DM
 * cannot be posted to, the tab says how to start instead.
 */
export function registerPracticeNow(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(
    HOME_IDS.practiceNow,
    safely(deps, 'home practice now', async ({ ack, body, client }: Args) => {
      await ack();
      const user = body.user.id;
      const message = practiceItemBlocks(await deps.practice.next(deps.learnerOf(user)));
      try {
        // A user id as the channel posts to the app's DM with them (the Messages tab).
        await client.chat.postMessage({
          channel: user,
          text: message.text,
          blocks: message.blocks as unknown as SlackBlock[],
        });
        deps.logger.info('home: practice now', { outcome: 'sent' });
      } catch (error) {
        deps.logger.warn('could not send a practice question to the DM', errorFields(error));
        await publishHome(deps, client, user, undefined, PRACTICE_DM_FAILED);
      }
    }),
  );
}
