import type {
  AllMiddlewareArgs,
  App,
  BlockAction,
  ButtonAction,
  SlackActionMiddlewareArgs,
} from '@slack/bolt';
import { errorFields } from '../../../../core/errors.js';
import { tellUser } from '../../answering/tell-user.js';
import { feedbackModal } from '../../render/feedback-modal.js';
import { FEEDBACK_IDS } from '../../render/slack-message.js';
import type { SlackDeps } from '../../slack-deps.js';
import { safely } from '../safely.js';
import { FEEDBACK_LOST, feedbackTarget } from './feedback-target.js';

type Args = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/**
 * 👎: opens a modal asking what was wrong. The modal goes first because its
 * trigger_id expires 3 seconds after the click; the vote is stored right
 * after, so it counts even if the modal is dismissed.
 */
export function registerFeedbackNotHelpful(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(
    FEEDBACK_IDS.notHelpful,
    safely(deps, 'feedback 👎', async ({ ack, body, action, client, respond }: Args) => {
      await ack();
      const target = feedbackTarget(body, action);
      const opened = client.views.open({ trigger_id: body.trigger_id, view: feedbackModal(target) }).then(
        () => true,
        (error: unknown) => {
          deps.logger.warn('could not open the feedback modal', errorFields(error));
          return false;
        },
      );
      const saved = await deps.questionLog.setFeedback(target.questionId, -1);
      deps.logger.info('feedback', { questionId: target.questionId, feedback: -1, saved });
      if (!saved)
        await tellUser(
          { client, user: body.user.id, channel: target.channel, threadTs: target.threadTs, respond },
          FEEDBACK_LOST,
          deps.logger,
        );
      else if (!(await opened))
        await tellUser(
          { client, user: body.user.id, channel: target.channel, threadTs: target.threadTs, respond },
          'Thanks, your 👎 was recorded.',
          deps.logger,
        );
    }),
  );
}
