import type { AllMiddlewareArgs, App, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { tellUser } from '../../answering/tell-user.js';
import { parseFeedbackTarget, reasonFromState } from '../../render/feedback-modal.js';
import { FEEDBACK_IDS } from '../../render/slack-message.js';
import type { SlackDeps } from '../../slack-deps.js';
import { FEEDBACK_LOST } from '../actions/feedback-target.js';
import { safely } from '../safely.js';

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** The 👎 modal was submitted: store the reason with the vote. */
export function registerFeedbackReason(app: App, deps: SlackDeps): void {
  app.view<ViewSubmitAction>(
    FEEDBACK_IDS.reasonModal,
    safely(deps, 'feedback reason', async ({ ack, body, view, client }: Args) => {
      await ack();
      const target = parseFeedbackTarget(view.private_metadata);
      if (!target) {
        deps.logger.warn('feedback modal without a question id', { viewId: view.id });
        return;
      }
      const reason = reasonFromState(view.state);
      const saved = await deps.questionLog.setFeedback(target.questionId, -1, reason);
      deps.logger.info('feedback reason', {
        questionId: target.questionId,
        saved,
        withReason: reason !== undefined,
      });
      const text = saved ? "Thanks, that goes straight to the library's editors." : FEEDBACK_LOST;
      await tellUser(
        { client, user: body.user.id, channel: target.channel, threadTs: target.threadTs },
        text,
        deps.logger,
      );
    }),
  );
}
