import type { webApi } from '@slack/bolt';
import { errorFields } from '../../../core/errors.js';
import type { Logger } from '../../../core/ports.js';
import { slackErrorCode } from '../app/slack-error.js';
import { slackTextToPlain } from './slack-text.js';

/** The address to use, or what to tell the person when there is none. */
export type EmailResult = { email: string } | { problem: string };

/** Said when /unsubscribe names an address other than the member's own. */
export const ONLY_OWN_ADDRESS =
  'Here I can only unsubscribe your own address, the one on your Slack profile: type `/unsubscribe` on its own. To stop the digest for another address, use the unsubscribe link at the bottom of any digest sent to it; it works in one click.';

/**
 * The email on the person's Slack profile (users.info, which needs the
 * users:read.email scope), or null when it cannot be read.
 */
export async function profileEmail(
  client: webApi.WebClient,
  userId: string,
  logger: Logger,
): Promise<string | null> {
  try {
    const result = await client.users.info({ user: userId });
    return result.user?.profile?.email ?? null;
  } catch (error) {
    const code = slackErrorCode(error);
    if (code === 'missing_scope')
      logger.warn(
        'users.info needs the users:read and users:read.email scopes to read profile emails; reinstall the app from slack/manifest.yml',
      );
    else logger.warn('could not read the profile email', errorFields(error));
    return null;
  }
}

const sameAddress = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * The address for /subscribe and /unsubscribe: the one typed after the
 * command, else the email on the person's Slack profile. /unsubscribe acts
 * only on the member's own address: anyone can type anyone's address, and
 * Slack vouches only for the profile's. Validation is the newsletter's job.
 */
export async function resolveEmail(
  client: webApi.WebClient,
  commandText: string,
  userId: string,
  command: '/subscribe' | '/unsubscribe',
  logger: Logger,
): Promise<EmailResult> {
  const typed = slackTextToPlain(commandText);
  // Subscribing is double opt-in (the confirmation link goes to the address), so any address is safe there.
  if (typed !== '' && command === '/subscribe') return { email: typed };
  const own = await profileEmail(client, userId, logger);
  if (typed !== '') return own && sameAddress(own, typed) ? { email: typed } : { problem: ONLY_OWN_ADDRESS };
  return own
    ? { email: own }
    : {
        problem: `I couldn't read an email address from your Slack profile. Type it after the command instead, for example: \`${command} you@example.com\``,
      };
}
