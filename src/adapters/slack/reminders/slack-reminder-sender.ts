import type { webApi } from '@slack/bolt';
import { errorFields } from '../../../core/errors.js';
import { reminderFootnote, reminderMessageText } from '../../../core/practice/reminders/reminder-text.js';
import type { ReminderSender } from '../../../core/practice/reminders/types.js';
import { slackErrorCode } from '../app/slack-error.js';
import { PRACTICE_IDS } from '../render/practice-blocks.js';
import { SLACK_REMIND_COMMANDS } from './remind-commands.js';

/** Slack errors that another try the same day will not fix: the member cannot be DMed. */
const PERMANENT = new Set([
  'user_not_found',
  'user_disabled',
  'account_inactive',
  'cannot_dm_bot',
  'channel_not_found',
  'is_archived',
  'missing_scope',
  'not_allowed_token_type',
  'invalid_auth',
  'token_revoked',
]);

/**
 * Sends a review reminder as a DM: conversations.open (im:write) for the
 * member's DM channel, then chat.postMessage with how many questions are due,
 * a "Practice now" button (the same action as "Next question", so a click
 * replaces the reminder with a question) and how to stop.
 */
export function createSlackReminderSender(client: webApi.WebClient): ReminderSender {
  return {
    async send(optIn, due) {
      try {
        const opened = await client.conversations.open({ users: optIn.target });
        const channel = opened.channel?.id;
        if (!channel) return { ok: false, permanent: false, error: 'conversations.open returned no channel' };
        const text = reminderMessageText(due);
        await client.chat.postMessage({
          channel,
          text,
          blocks: [
            { type: 'section', text: { type: 'mrkdwn', text: `:brain: ${text}` } },
            {
              type: 'actions',
              block_id: 'tutor_practice_reminder',
              elements: [
                {
                  type: 'button',
                  action_id: PRACTICE_IDS.next,
                  style: 'primary',
                  text: { type: 'plain_text', text: 'Practice now' },
                },
              ],
            },
            {
              type: 'context',
              elements: [{ type: 'mrkdwn', text: reminderFootnote(SLACK_REMIND_COMMANDS) }],
            },
          ],
        });
        return { ok: true };
      } catch (error) {
        const code = slackErrorCode(error);
        return {
          ok: false,
          permanent: code !== undefined && PERMANENT.has(code),
          error: code ?? errorFields(error).error,
        };
      }
    },
  };
}
