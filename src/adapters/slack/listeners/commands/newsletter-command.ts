import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { errorFields, isUserFacing } from '../../../../core/errors.js';
import { resolveEmail } from '../../answering/resolve-email.js';
import { linkLearner } from '../../home/link-learner.js';
import { errorReply } from '../../render/error-reply.js';
import { escapeMrkdwn } from '../../render/markdown-to-mrkdwn.js';
import type { SlackDeps } from '../../slack-deps.js';

type Args = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/** Said while the newsletter is not wired into this tutor. */
export const NEWSLETTER_UNAVAILABLE =
  "The newsletter isn't available on this tutor yet. Ask whoever runs it to turn it on.";

/**
 * The body of /subscribe and /unsubscribe: acknowledge at once, find the
 * address (/unsubscribe: only the member's own, see resolveEmail), call the
 * newsletter port and tell only the asker what happened.
 * The port's replies are the same whether or not the address is known, so
 * nobody can use the command to probe who is subscribed.
 */
export function newsletterCommand(
  deps: SlackDeps,
  action: 'subscribe' | 'unsubscribe',
): (args: Args) => Promise<void> {
  const name = `/${action}` as const;
  return async ({ command, ack, client, respond }) => {
    const newsletter = deps.newsletter;
    if (!newsletter) {
      await ack({ response_type: 'ephemeral', text: NEWSLETTER_UNAVAILABLE });
      return;
    }
    await ack();
    let text: string;
    try {
      const resolved = await resolveEmail(client, command.text ?? '', command.user_id, name, deps.logger);
      if ('problem' in resolved) text = resolved.problem;
      // The port's words may quote what was typed; Slack reads &, < and > as markup.
      else {
        text = escapeMrkdwn(
          (await newsletter[action]({ email: resolved.email, source: `slack:${command.team_id}` })).message,
        );
        // Only the profile address (nothing typed) is one Slack vouches for: only it links practice.
        if (action === 'subscribe' && (command.text ?? '').trim() === '')
          await linkLearner(deps, command.user_id, resolved.email);
      }
    } catch (error) {
      if (!isUserFacing(error)) deps.logger.error(`${name} failed`, errorFields(error));
      text = isUserFacing(error) ? escapeMrkdwn(error.message) : errorReply(error);
    }
    await respond({ response_type: 'ephemeral', text });
  };
}
