import type { Clock } from '../../ports.js';
import type { LearnerId } from '../types.js';
import { canonicalTimeZone, localClock, nextDate } from './local-clock.js';
import type { ReminderStore } from './reminder-store.js';
import { ACCEPTED_TIMES, parseReminderTime } from './reminder-time.js';
import type { ReminderOptIn, ReminderPlatform } from './types.js';

/** What `/practice remind …` asked for. */
export type RemindRequest =
  | { kind: 'show' }
  | { kind: 'off' }
  | { kind: 'set'; minutes: number }
  | { kind: 'invalid'; message: string };

/** Parses the argument of `remind`: empty (show), `off`, or a time of day. */
export function parseRemindRequest(input: string): RemindRequest {
  const text = input.trim().toLowerCase();
  if (text === '' || text === 'show' || text === 'status') return { kind: 'show' };
  if (['off', 'stop', 'none', 'cancel'].includes(text)) return { kind: 'off' };
  const time = parseReminderTime(input);
  return time.ok
    ? { kind: 'set', minutes: time.minutes }
    : { kind: 'invalid', message: `${time.message} Or \`off\` to stop reminders.` };
}

/** The outcome of setting a reminder. */
export type SetReminderResult =
  | { ok: true; optIn: ReminderOptIn; startsToday: boolean }
  | { ok: false; message: string };

/** Turning reminders on, off, or looking at them: what the chat commands call. */
export interface ReminderSettings {
  set(input: {
    learner: LearnerId;
    platform: ReminderPlatform;
    target: string;
    minutes: number;
    /** An IANA zone as typed; validated here. */
    zone: string;
  }): Promise<SetReminderResult>;
  off(learner: LearnerId): Promise<boolean>;
  show(learner: LearnerId): Promise<ReminderOptIn | null>;
}

/** Creates {@link ReminderSettings} on a store. */
export function createReminderSettings(deps: { store: ReminderStore; clock: Clock }): ReminderSettings {
  return {
    async set(input) {
      const zone = canonicalTimeZone(input.zone);
      if (!zone)
        return {
          ok: false,
          message: `"${input.zone.trim()}" is not a time zone I know. Use an IANA name such as Europe/Berlin, America/New_York or UTC.`,
        };
      const today = localClock(deps.clock.now(), zone);
      // Opting in after today's time starts tomorrow: a nudge seconds after asking for one is noise.
      const startsToday = today.minutes < input.minutes;
      const optIn: ReminderOptIn = {
        learner: input.learner,
        platform: input.platform,
        target: input.target,
        minutes: input.minutes,
        zone,
        startsOn: startsToday ? today.date : nextDate(today.date),
      };
      await deps.store.save(optIn);
      return { ok: true, optIn, startsToday };
    },
    off: (learner) => deps.store.remove(learner),
    show: (learner) => deps.store.find(learner),
  };
}

export { ACCEPTED_TIMES };
