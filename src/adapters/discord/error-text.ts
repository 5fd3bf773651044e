import { userReplyFor } from '../../core/chat/user-replies.js';

/** What a person may see about an error: a UserFacingError's own message, otherwise the shared apology. */
export function errorText(error: unknown): string {
  return userReplyFor(error);
}
