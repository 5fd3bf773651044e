import type { RemindCommands } from '../../../core/practice/reminders/reminder-text.js';

/** How Slack members type the reminder commands. */
export const SLACK_REMIND_COMMANDS: RemindCommands = {
  set: '/practice remind 9:00',
  off: '/practice remind off',
};
