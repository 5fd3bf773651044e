import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { userReplyFor } from '../../../core/chat/user-replies.js';
import { errorFields, isUserFacing } from '../../../core/errors.js';
import { profileEmail } from '../answering/resolve-email.js';
import { NEWSLETTER_UNAVAILABLE } from '../listeners/commands/newsletter-command.js';
import type { SlackDeps } from '../slack-deps.js';
import { linkLearner } from './link-learner.js';
import { publishHome } from './publish-home.js';

type Args = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/**
 * The body of the Home tab's Subscribe and Unsubscribe buttons. The address
 * is always the email on the clicking member's own Slack profile, the one
 * Slack vouches for, as /unsubscribe does: nothing in the click's payload
 * (its value) is read, so a forged or edited button cannot act on anyone
 * else's address. Afterwards the tab is rebuilt with the newsletter's reply.
 */
export function homeNewsletterAction(
  deps: SlackDeps,
  action: 'subscribe' | 'unsubscribe',
): (args: Args) => Promise<void> {
  return async ({ ack, body, client }) => {
    await ack();
    const user = body.user.id;
    let notice: string;
    const newsletter = deps.newsletter;
    if (!newsletter) notice = NEWSLETTER_UNAVAILABLE;
    else {
      const email = await profileEmail(client, user, deps.logger);
      if (!email)
        notice = `I couldn't read an email address from your Slack profile. Use \`/${action} you@example.com\` instead.`;
      else {
        try {
          const team = body.team?.id ?? body.user.team_id ?? '-';
          notice = (await newsletter[action]({ email, source: `slack:${team}` })).message;
          if (action === 'subscribe') await linkLearner(deps, user, email);
          deps.logger.info(`home: ${action}`, { outcome: 'done' });
        } catch (error) {
          if (!isUserFacing(error)) deps.logger.error(`home: ${action} failed`, errorFields(error));
          notice = userReplyFor(error);
        }
      }
    }
    deps.homeCache.delete(user);
    await publishHome(deps, client, user, notice);
  };
}
