import type { webApi } from '@slack/bolt';
import { errorFields } from '../../../core/errors.js';
import type { ReminderSettings } from '../../../core/practice/reminders/reminder-settings.js';
import { parseRemindRequest } from '../../../core/practice/reminders/reminder-settings.js';
import {
  reminderOffText,
  reminderSetText,
  reminderShowText,
} from '../../../core/practice/reminders/reminder-text.js';
import type { SlackDeps } from '../slack-deps.js';
import { SLACK_REMIND_COMMANDS } from './remind-commands.js';

/** Review reminders for the Slack commands; null without a database (nothing to keep the opt-in in). */
export interface SlackReminders {
  settings: ReminderSettings;
  /** The zone used when Slack does not tell us the member's (DIGEST_TZ, UTC by default). */
  fallbackZone: string;
}

/**
 * `/practice remind [time|off]`: the reply text. Setting a time reads the
 * member's own time zone from users.info (`tz`); when Slack does not give one
 * the fallback zone is used and the reply says so.
 */
export async function practiceRemindReply(
  deps: Pick<SlackDeps, 'learnerOf' | 'logger' | 'reminders'>,
  client: webApi.WebClient,
  userId: string,
  argument: string,
): Promise<string> {
  const reminders = deps.reminders;
  if (!reminders)
    return 'Review reminders are not available here: the tutor runs without a database. Ask whoever runs it.';
  const learner = deps.learnerOf(userId);
  const request = parseRemindRequest(argument);
  if (request.kind === 'invalid') return request.message;
  if (request.kind === 'show')
    return reminderShowText(await reminders.settings.show(learner), SLACK_REMIND_COMMANDS);
  if (request.kind === 'off')
    return reminderOffText(await reminders.settings.off(learner), SLACK_REMIND_COMMANDS);
  const memberZone = await slackTimeZone(client, userId, deps.logger);
  const result = await reminders.settings.set({
    learner,
    platform: 'slack',
    target: userId,
    minutes: request.minutes,
    zone: memberZone ?? reminders.fallbackZone,
  });
  if (!result.ok) return result.message;
  const note = memberZone
    ? ''
    : ` (Slack did not tell me your time zone, so I used the team's, ${result.optIn.zone}.)`;
  return reminderSetText(result, SLACK_REMIND_COMMANDS) + note;
}

async function slackTimeZone(
  client: webApi.WebClient,
  userId: string,
  logger: SlackDeps['logger'],
): Promise<string | null> {
  try {
    const info = await client.users.info({ user: userId });
    return typeof info.user?.tz === 'string' && info.user.tz ? info.user.tz : null;
  } catch (error) {
    logger.warn('could not read the member’s time zone; using the fallback', errorFields(error));
    return null;
  }
}
