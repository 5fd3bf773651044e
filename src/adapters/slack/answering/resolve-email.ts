import type { webApi } from '@slack/bolt';
import type { Logger } from '../../../core/ports.js';
import { slackErrorCode } from '../app/slack-error.js';
import { slackTextToPlain } from './slack-text.js';

/** The address to use, or what to tell the person when there is none. */
export type EmailResult = { email: string } | { problem: string };

/**
 * The address for /subscribe and /unsubscribe: the one typed after the
 * command, else the email on the person's Slack profile (users.info, which
 * needs the users:read.email scope). Validation is the newsletter's job.
 */
export async function resolveEmail(
  client: webApi.WebClient,
  commandText: string,
  userId: string,
  command: string,
  logger: Logger,
): Promise<EmailResult> {
  const typed = slackTextToPlain(commandText);
  if (typed !== '') return { email: typed };
  const fallback = `I couldn't read an email address from your Slack profile. Type it after the command instead, for example: \`${command} you@example.com\``;
  try {
    const result = await client.users.info({ user: userId });
    const email = result.user?.profile?.email;
    return email ? { email } : { problem: fallback };
  } catch (error) {
    const code = slackErrorCode(error);
    if (code === 'missing_scope')
      logger.warn(
        'slack: users.info needs the users:read and users:read.email scopes to read profile emails; reinstall the app from slack/manifest.yml',
      );
    else logger.warn('slack: could not read the profile email', { error: String(error) });
    return { problem: fallback };
  }
}
