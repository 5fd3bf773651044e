import type { SetReminderResult } from './reminder-settings.js';
import { formatReminderTime } from './reminder-time.js';
import type { ReminderOptIn } from './types.js';

/** How each platform spells the commands, so replies name what to type there. */
export interface RemindCommands {
  /** e.g. "/practice remind 9:00" or "/practice remind:9:00". */
  set: string;
  off: string;
}

const at = (optIn: ReminderOptIn) => `${formatReminderTime(optIn.minutes)} (${optIn.zone})`;

/** The reply to turning reminders on. */
export function reminderSetText(
  result: Extract<SetReminderResult, { ok: true }>,
  commands: RemindCommands,
): string {
  return (
    `Done: I'll DM you at ${at(result.optIn)} on days you have reviews due, at most once a day, ` +
    `starting ${result.startsToday ? 'today' : 'tomorrow'}. Turn it off any time with \`${commands.off}\`.`
  );
}

/** The reply to `remind` with no time: the current setting. */
export function reminderShowText(optIn: ReminderOptIn | null, commands: RemindCommands): string {
  return optIn
    ? `Your review reminder is on: a DM at ${at(optIn)} on days you have reviews due. Change it with \`${commands.set}\`, stop it with \`${commands.off}\`.`
    : `Review reminders are off. Turn them on with \`${commands.set}\`: a DM at that time on days you have reviews due, at most once a day.`;
}

/** The reply to `remind off`. */
export function reminderOffText(wasOn: boolean, commands: RemindCommands): string {
  return wasOn
    ? `Review reminders are off; I've deleted your reminder setting. Turn them on again with \`${commands.set}\`.`
    : `Review reminders were already off. Turn them on with \`${commands.set}\`.`;
}

/** The reminder DM's text (the platforms add a "Practice now" button). */
export function reminderMessageText(due: number): string {
  const items = due === 1 ? '1 question is' : `${due} questions are`;
  return `${items} due for review. A few minutes of recall now keeps them fresh.`;
}

/** The reminder DM's footnote: how to stop. */
export function reminderFootnote(commands: RemindCommands): string {
  return `You asked for this daily reminder. Stop it with \`${commands.off}\`.`;
}
