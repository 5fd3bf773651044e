import { parseRemindRequest } from '../../../core/practice/reminders/reminder-settings.js';
import {
  reminderOffText,
  reminderSetText,
  reminderShowText,
} from '../../../core/practice/reminders/reminder-text.js';
import type { DiscordDeps } from '../discord-deps.js';
import { DISCORD_REMIND_COMMANDS } from './remind-commands.js';

/**
 * `/practice remind:<time|off|show> [zone:<IANA zone>]`: the reply text.
 * Discord does not tell bots a member's time zone, so it is an option,
 * validated, defaulting to the team's (DIGEST_TZ).
 */
export async function practiceRemindReply(
  deps: Pick<DiscordDeps, 'learnerOf' | 'reminders'>,
  userId: string,
  remind: string,
  zone: string | null,
): Promise<string> {
  const reminders = deps.reminders;
  if (!reminders)
    return 'Review reminders are not available here: the tutor runs without a database. Ask whoever runs it.';
  const learner = deps.learnerOf(userId);
  const request = parseRemindRequest(remind);
  if (request.kind === 'invalid') return request.message;
  if (request.kind === 'show')
    return reminderShowText(await reminders.settings.show(learner), DISCORD_REMIND_COMMANDS);
  if (request.kind === 'off')
    return reminderOffText(await reminders.settings.off(learner), DISCORD_REMIND_COMMANDS);
  const result = await reminders.settings.set({
    learner,
    platform: 'discord',
    target: userId,
    minutes: request.minutes,
    zone: zone ?? reminders.fallbackZone,
  });
  if (!result.ok) return result.message;
  const note = zone ? '' : ` Not your zone? Add \`zone:\` with its name, e.g. \`zone:America/New_York\`.`;
  return reminderSetText(result, DISCORD_REMIND_COMMANDS) + note;
}
