import type { BlockAction, ButtonAction } from '@slack/bolt';
import type { FeedbackTarget } from '../../render/feedback-modal.js';

/** The answer a feedback button belongs to: its question id, channel and thread. */
export function feedbackTarget(body: BlockAction, action: ButtonAction): FeedbackTarget {
  const message = body.message as { thread_ts?: string } | undefined;
  return {
    questionId: action.value ?? '',
    channel: body.channel?.id ?? body.container?.channel_id,
    threadTs: message?.thread_ts,
  };
}

/** Said when the vote could not be stored against a question. */
export const FEEDBACK_LOST =
  "I couldn't find that answer in the question log any more, so your feedback wasn't saved. Sorry!";
