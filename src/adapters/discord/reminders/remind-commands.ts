import type { RemindCommands } from '../../../core/practice/reminders/reminder-text.js';

/** How Discord members type the reminder commands (options of /practice). */
export const DISCORD_REMIND_COMMANDS: RemindCommands = {
  set: '/practice remind:9:00 zone:Europe/Berlin',
  off: '/practice remind:off',
};
