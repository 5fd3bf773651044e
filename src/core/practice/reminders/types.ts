import type { LearnerId } from '../types.js';

/** Where a reminder can be sent. */
export type ReminderPlatform = 'slack' | 'discord';

/**
 * A learner's opt-in to a daily review reminder. Only ever written when the
 * learner asks for it (`/practice remind <time>`), deleted by `/practice remind off`.
 */
export interface ReminderOptIn {
  learner: LearnerId;
  platform: ReminderPlatform;
  /** The platform user id to DM: the one raw id stored, because a DM needs it. */
  target: string;
  /** Local time of day, minutes after midnight. */
  minutes: number;
  /** IANA time zone the time is in. */
  zone: string;
  /** First local date (`YYYY-MM-DD`) a reminder may go out: no nudge minutes after opting in. */
  startsOn: string;
}

/** A learner whose reminder is due now: opted in, past their time today, items due, not yet reminded today. */
export interface PendingReminder {
  optIn: ReminderOptIn;
  /** The learner's local date the reminder is for: the claim key with the learner. */
  localDate: string;
  /** Items due for review now. */
  due: number;
}

/** How one send went. A permanent failure (the user cannot be DMed) is not retried that day. */
export type ReminderSendResult = { ok: true } | { ok: false; permanent: boolean; error: string };

/** Delivers one reminder by DM on one platform (a port: the Slack and Discord adapters implement it). */
export interface ReminderSender {
  send(optIn: ReminderOptIn, due: number): Promise<ReminderSendResult>;
}
