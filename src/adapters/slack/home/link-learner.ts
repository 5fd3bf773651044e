import { errorFields } from '../../../core/errors.js';
import type { SlackDeps } from '../slack-deps.js';

/**
 * After a member subscribed with the email on their own Slack profile: links
 * their chat learner to that subscriber record (issue 13), so practice in
 * chat and in the digest is one learner. Failures are logged, never shown:
 * the subscription itself went through, and the reply must not differ by
 * whether the address was known.
 */
export async function linkLearner(
  deps: Pick<SlackDeps, 'learnerLinking' | 'learnerOf' | 'homeCache' | 'logger'>,
  userId: string,
  profileEmail: string,
): Promise<void> {
  if (!deps.learnerLinking) return;
  try {
    const linked = await deps.learnerLinking.link(deps.learnerOf(userId), profileEmail);
    deps.homeCache.delete(userId);
    deps.logger.info('linked a chat learner to a subscriber', { linked });
  } catch (error) {
    deps.logger.warn('could not link the chat learner to the subscriber', errorFields(error));
  }
}
