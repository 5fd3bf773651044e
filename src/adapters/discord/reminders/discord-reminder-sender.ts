import { ButtonStyle, ComponentType, DiscordAPIError, type REST, Routes } from 'discord.js';
import { errorFields } from '../../../core/errors.js';
import { reminderFootnote, reminderMessageText } from '../../../core/practice/reminders/reminder-text.js';
import type { ReminderSender } from '../../../core/practice/reminders/types.js';
import { PRACTICE_NEXT_ID } from '../components/practice-ids.js';
import { DISCORD_REMIND_COMMANDS } from './remind-commands.js';

/**
 * Discord error codes another try the same day will not fix: unknown user,
 * missing access, cannot send messages to this user (DMs closed), unknown channel.
 */
const PERMANENT = new Set([10003, 10013, 50001, 50007]);

/**
 * Sends a review reminder as a DM over REST: open (or find) the DM channel,
 * then post how many questions are due, a "Practice now" button (the same
 * custom id as "Next question", so a click replaces the reminder with a
 * question) and how to stop.
 */
export function createDiscordReminderSender(rest: REST): ReminderSender {
  return {
    async send(optIn, due) {
      try {
        const channel = (await rest.post(Routes.userChannels(), {
          body: { recipient_id: optIn.target },
        })) as { id?: string };
        if (!channel.id) return { ok: false, permanent: false, error: 'no DM channel returned' };
        await rest.post(Routes.channelMessages(channel.id), {
          body: {
            content: `🧠 ${reminderMessageText(due)}\n-# ${reminderFootnote(DISCORD_REMIND_COMMANDS)}`,
            allowed_mentions: { parse: [] },
            components: [
              {
                type: ComponentType.ActionRow,
                components: [
                  {
                    type: ComponentType.Button,
                    style: ButtonStyle.Primary,
                    custom_id: PRACTICE_NEXT_ID,
                    label: 'Practice now',
                  },
                ],
              },
            ],
          },
        });
        return { ok: true };
      } catch (error) {
        const code = error instanceof DiscordAPIError ? Number(error.code) : undefined;
        return {
          ok: false,
          permanent: code !== undefined && PERMANENT.has(code),
          error: code !== undefined ? `Discord error ${code}` : errorFields(error).error,
        };
      }
    },
  };
}
