import { UserFacingError } from '../errors.js';

/** The calendar date of an instant in a time zone. */
function localDate(instant: Date, timeZone: string): { year: number; month: number; day: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day') };
}

/**
 * The ISO-8601 week (`2026-W48`) an instant falls in, in `timeZone`: Monday
 * to Sunday, week 1 holds the year's first Thursday. One issue per week key.
 */
export function isoWeekKey(instant: Date, timeZone: string): string {
  const { year, month, day } = localDate(instant, timeZone);
  const date = new Date(Date.UTC(year, month - 1, day));
  const weekday = date.getUTCDay() || 7;
  // The Thursday of this week decides the ISO year.
  date.setUTCDate(date.getUTCDate() + 4 - weekday);
  const isoYear = date.getUTCFullYear();
  const week = Math.ceil(((date.getTime() - Date.UTC(isoYear, 0, 1)) / 86_400_000 + 1) / 7);
  return `${isoYear}-W${String(week).padStart(2, '0')}`;
}

/**
 * Weeks between 1970-W02 (the week of Monday 1970-01-05) and `weekKey`: a
 * running week number that, unlike the ISO week number, keeps its parity
 * across years with 53 weeks, so "every other week" stays every other week.
 */
export function isoWeekIndex(weekKey: string): number {
  const match = /^(\d{4})-W(\d{2})$/.exec(weekKey);
  if (!match) throw new Error(`not a week key: ${weekKey}`);
  const year = Number(match[1]);
  // The Monday of ISO week 1 is the Monday on or before January 4th.
  const jan4 = Date.UTC(year, 0, 4);
  const week1Monday = jan4 - ((new Date(jan4).getUTCDay() || 7) - 1) * 86_400_000;
  const monday = week1Monday + (Number(match[2]) - 1) * 7 * 86_400_000;
  return Math.round((monday - Date.UTC(1970, 0, 5)) / (7 * 86_400_000));
}

/** Number of ISO weeks in a year (52 or 53). */
function weeksInYear(year: number): number {
  return isoWeekKey(new Date(Date.UTC(year, 11, 28)), 'UTC').endsWith('53') ? 53 : 52;
}

/** Validates a `--week` value such as `2026-W48` (also accepts `2026-w48` and `2026W48`). */
export function parseWeekKey(input: string): string {
  const match = /^(\d{4})-?[Ww](\d{1,2})$/.exec(input.trim());
  const year = Number(match?.[1]);
  const week = Number(match?.[2]);
  if (!match || week < 1 || week > weeksInYear(year)) {
    throw new UserFacingError(
      'WEEK_INVALID',
      `"${input}" is not an ISO week. Write it like 2026-W48 (weeks run 01 to ${match ? weeksInYear(year) : 52}).`,
    );
  }
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** True when `timeZone` is an IANA zone this runtime knows, e.g. Europe/Berlin. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}
