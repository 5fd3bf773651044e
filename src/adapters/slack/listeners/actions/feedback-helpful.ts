import type {
  AllMiddlewareArgs,
  App,
  BlockAction,
  ButtonAction,
  SlackActionMiddlewareArgs,
} from '@slack/bolt';
import { tellUser } from '../../answering/tell-user.js';
import { FEEDBACK_IDS } from '../../render/slack-message.js';
import type { SlackDeps } from '../../slack-deps.js';
import { safely } from '../safely.js';
import { FEEDBACK_LOST, feedbackTarget } from './feedback-target.js';

type Args = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/** 👍: stored in the question log; a later vote on the same answer replaces it. */
export function registerFeedbackHelpful(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(
    FEEDBACK_IDS.helpful,
    safely(deps, 'feedback 👍', async ({ ack, body, action, client, respond }: Args) => {
      await ack();
      const target = feedbackTarget(body, action);
      const saved = await deps.questionLog.setFeedback(target.questionId, 1);
      deps.logger.info('feedback', { questionId: target.questionId, feedback: 1, saved });
      const text = saved ? 'Thanks for the feedback! Glad it helped.' : FEEDBACK_LOST;
      await tellUser(
        { client, user: body.user.id, channel: target.channel, threadTs: target.threadTs, respond },
        text,
        deps.logger,
      );
    }),
  );
}
