import { isUserFacing } from '../../../core/errors.js';
import { escapeMrkdwn } from './markdown-to-mrkdwn.js';

/** Shown for anything that is not a UserFacingError; details go to the log only. */
export const GENERIC_APOLOGY =
  "Sorry, something went wrong on my side and I couldn't answer. Please try again in a minute; if it keeps happening, tell whoever runs the tutor.";

/** The mrkdwn shown in Slack for an error: a UserFacingError's own words, anything else a generic apology. */
export function errorReply(error: unknown): string {
  if (!isUserFacing(error)) return GENERIC_APOLOGY;
  const icon = error.code === 'RATE_LIMITED' ? ':hourglass:' : ':information_source:';
  return `${icon} ${escapeMrkdwn(error.message)}`;
}
