import { wallTimeAt } from '../../time/wall-time.js';

export { canonicalTimeZone } from '../../time/time-zone.js';

/** An instant as a wall clock in one time zone: its calendar date and minutes after midnight. */
export interface LocalClock {
  /** `YYYY-MM-DD`, so dates compare as strings. */
  date: string;
  minutes: number;
}

/** The wall clock in `timeZone` at `instant` (DST included, from the runtime's time zone data). */
export function localClock(instant: Date, timeZone: string): LocalClock {
  const wall = wallTimeAt(instant, timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return { date: `${wall.year}-${pad(wall.month)}-${pad(wall.day)}`, minutes: wall.hour * 60 + wall.minute };
}

/** The day after a `YYYY-MM-DD` date. */
export function nextDate(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}
