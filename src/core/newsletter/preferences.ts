import { isUserFacing, UserFacingError } from '../errors.js';
import { parseTimeZone } from '../time/time-zone.js';
import type { SubscriberPreferences } from './types.js';
import { isoWeekIndex } from './week-key.js';

/** The pauses the preference center offers, in weeks. */
export const PAUSE_WEEKS = [2, 4, 8] as const;

/** Preferences of a new subscriber: every week, every concept, not paused. */
export const DEFAULT_PREFERENCES: SubscriberPreferences = {
  pausedUntil: null,
  cadence: 'weekly',
  cadenceParity: null,
  level: 'all',
  timeZone: null,
  countClicks: true,
};

/** The time zone field's value for "the newsletter's own zone" (DIGEST_TZ). */
export const DEFAULT_TIME_ZONE_CHOICE = 'default';

/** What the preference form asks for. `pause`: keep the current pause, end it, or pause for some weeks. */
export interface PreferencesChange {
  pause: 'keep' | 'none' | (typeof PAUSE_WEEKS)[number];
  cadence: SubscriberPreferences['cadence'];
  level: SubscriberPreferences['level'];
  /** A validated IANA zone, or null for DIGEST_TZ; undefined keeps the current one. */
  timeZone?: string | null;
  /** "Count my clicks" on or off; absent keeps the current choice. */
  countClicks?: boolean;
}

const invalid = (field: string, value: string, allowed: string) =>
  new UserFacingError(
    'PREFERENCES_INVALID',
    `"${value.slice(0, 40)}" is not a choice for ${field}. Choose one of: ${allowed}.`,
  );

/**
 * Validates the preference form's fields (strings as a form posts them).
 * A missing field keeps the subscriber's current choice for it; anything
 * else is a UserFacingError that names the field and the allowed values.
 */
export function parsePreferencesChange(
  fields: { pause?: string; cadence?: string; level?: string; timeZone?: string; clicks?: string },
  current: SubscriberPreferences,
): PreferencesChange {
  const pause = fields.pause ?? 'keep';
  const cadence = fields.cadence ?? current.cadence;
  const level = fields.level ?? current.level;
  const { clicks } = fields;
  const weeks = PAUSE_WEEKS.find((w) => String(w) === pause);
  if (pause !== 'keep' && pause !== 'none' && weeks === undefined)
    throw invalid('pause', pause, `keep, none, ${PAUSE_WEEKS.join(', ')} (weeks)`);
  if (cadence !== 'weekly' && cadence !== 'biweekly') throw invalid('frequency', cadence, 'weekly, biweekly');
  if (level !== 'all' && level !== 'beginner') throw invalid('difficulty', level, 'all, beginner');
  if (clicks !== undefined && clicks !== 'on' && clicks !== 'off')
    throw invalid('count my clicks', clicks, 'on, off');
  const change: PreferencesChange = {
    pause: weeks ?? (pause as 'keep' | 'none'),
    cadence,
    level,
    // Absent: applyPreferencesChange keeps the current choice.
    ...(clicks === undefined ? {} : { countClicks: clicks === 'on' }),
  };
  if (fields.timeZone !== undefined) change.timeZone = parseZoneField(fields.timeZone);
  return change;
}

/** The time zone field (a missing one keeps the current zone): `default` means DIGEST_TZ, anything else must be an IANA name. */
function parseZoneField(value: string): string | null {
  if (value === DEFAULT_TIME_ZONE_CHOICE) return null;
  try {
    return parseTimeZone(value);
  } catch (error) {
    // One error code for the whole form, so the page shows it as it shows the others.
    if (isUserFacing(error)) throw new UserFacingError('PREFERENCES_INVALID', error.message);
    throw error;
  }
}

/**
 * The preferences after a change made at `now`, in the week `weekKey` (the
 * digest's current week). Switching to every other week keeps this week's
 * parity: a subscriber who has not had this week's issue yet still gets it,
 * and one who has gets the next one two weeks later. Staying biweekly keeps
 * the parity they had, so saving the form twice never shifts it.
 */
export function applyPreferencesChange(
  current: SubscriberPreferences,
  change: PreferencesChange,
  now: Date,
  weekKey: string,
): SubscriberPreferences {
  const pausedUntil =
    change.pause === 'keep'
      ? current.pausedUntil
      : change.pause === 'none'
        ? null
        : new Date(now.getTime() + change.pause * 7 * 86_400_000);
  const cadenceParity =
    change.cadence === 'weekly'
      ? null
      : current.cadence === 'biweekly' && current.cadenceParity !== null
        ? current.cadenceParity
        : ((isoWeekIndex(weekKey) % 2) as 0 | 1);
  return {
    pausedUntil,
    cadence: change.cadence,
    cadenceParity,
    level: change.level,
    timeZone: change.timeZone === undefined ? (current.timeZone ?? null) : change.timeZone,
    countClicks: change.countClicks ?? current.countClicks,
  };
}

/**
 * Whether a subscriber with these preferences is snapshotted for an issue of
 * week `weekKey`, due at `scheduledFor`, whose concept has `difficulty`. The
 * database applies the same rule in one INSERT … SELECT (create-issue.ts);
 * this is its reference, which the store tests compare against.
 */
export function receivesIssue(
  preferences: SubscriberPreferences,
  issue: { weekKey: string; scheduledFor: Date; difficulty: string },
): boolean {
  if (preferences.pausedUntil && preferences.pausedUntil > issue.scheduledFor) return false;
  if (preferences.cadence === 'biweekly' && isoWeekIndex(issue.weekKey) % 2 !== preferences.cadenceParity)
    return false;
  return preferences.level === 'all' || issue.difficulty === 'beginner';
}
