import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { isUserFacing } from '../../../../core/errors.js';
import { resolveEmail } from '../../answering/resolve-email.js';
import { GENERIC_APOLOGY } from '../../render/error-reply.js';
import { escapeMrkdwn } from '../../render/markdown-to-mrkdwn.js';
import type { SlackDeps } from '../../slack-deps.js';

type Args = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/** Said while the newsletter is not wired into this tutor. */
export const NEWSLETTER_UNAVAILABLE =
  "The newsletter isn't available on this tutor yet. Ask whoever runs it to turn it on.";

/**
 * The body of /subscribe and /unsubscribe: acknowledge at once, find the
 * address, call the newsletter port and tell only the asker what happened.
 * The port's replies are the same whether or not the address is known, so
 * nobody can use the command to probe who is subscribed.
 */
export function newsletterCommand(
  deps: SlackDeps,
  action: 'subscribe' | 'unsubscribe',
): (args: Args) => Promise<void> {
  const name = `/${action}`;
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
      else
        text = escapeMrkdwn(
          (await newsletter[action]({ email: resolved.email, source: `slack:${command.team_id}` })).message,
        );
    } catch (error) {
      if (!isUserFacing(error))
        deps.logger.error(`slack ${name} failed`, {
          error: error instanceof Error ? error.message : String(error),
        });
      text = isUserFacing(error) ? escapeMrkdwn(error.message) : GENERIC_APOLOGY;
    }
    await respond({ response_type: 'ephemeral', text });
  };
}
