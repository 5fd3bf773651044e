import { userReplyFor } from '../../../core/chat/user-replies.js';
import { isUserFacing } from '../../../core/errors.js';
import { escapeMrkdwn } from './markdown-to-mrkdwn.js';

/** The mrkdwn shown in Slack for an error: a UserFacingError's own words, anything else the shared apology. */
export function errorReply(error: unknown): string {
  if (!isUserFacing(error)) return userReplyFor(error);
  const icon = error.code === 'RATE_LIMITED' ? ':hourglass:' : ':information_source:';
  return `${icon} ${escapeMrkdwn(error.message)}`;
}
