import { formatFor, type WallTime, wallTimeAt } from '../time/wall-time.js';

/** Milliseconds `timeZone` is ahead of UTC at `ms`. */
function offsetAt(ms: number, timeZone: string): number {
  const parts = formatFor(timeZone).formatToParts(new Date(ms));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/**
 * The instant at which the clocks in `timeZone` show `wall`. Every wall time
 * maps to exactly one instant, as Temporal's "compatible" disambiguation does:
 * - a time that happens twice (the hour repeated when DST ends) is its first
 *   occurrence, the earlier instant;
 * - a time that never happens (skipped when DST starts) is moved forward by
 *   the gap: 02:30 on a spring-forward night with a one-hour gap is 03:30.
 * Assumes at most one offset change within a day of `wall`, true of every zone.
 */
export function instantOfWallTime(wall: WallTime, timeZone: string): Date {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  const before = offsetAt(asUtc - 86_400_000, timeZone);
  const after = offsetAt(asUtc + 86_400_000, timeZone);
  const fits = [asUtc - before, asUtc - after].filter((t) => offsetAt(t, timeZone) === asUtc - t);
  // Both fit: the repeated hour, take the first. Neither: the gap, read with the offset from before it.
  return new Date(fits.length > 0 ? Math.min(...fits) : asUtc - before);
}

/**
 * When a subscriber in `timeZone` (null: the digest's own zone) gets the issue
 * of the cron occurrence `scheduledFor`: the moment their clocks show the wall
 * time that DIGEST_CRON showed in DIGEST_TZ, on the same calendar date. Tuesday
 * 09:00 in Berlin becomes Tuesday 09:00 in Tokyo and Tuesday 09:00 in New York.
 */
export function localSendTime(scheduledFor: Date, digestTimeZone: string, timeZone: string | null): Date {
  if (timeZone === null || timeZone === digestTimeZone) return scheduledFor;
  try {
    return instantOfWallTime(wallTimeAt(scheduledFor, digestTimeZone), timeZone);
  } catch {
    // A stored zone this runtime no longer knows (an older or newer tz database): the digest's own time.
    return scheduledFor;
  }
}

/**
 * The earliest and latest local send times of an occurrence over some zones
 * (null: DIGEST_TZ). With no zones, both are the occurrence itself.
 */
export function sendTimeRange(
  scheduledFor: Date,
  digestTimeZone: string,
  zones: ReadonlyArray<string | null>,
): { first: Date; last: Date } {
  const times = (zones.length > 0 ? zones : [null]).map((z) =>
    localSendTime(scheduledFor, digestTimeZone, z).getTime(),
  );
  return { first: new Date(Math.min(...times)), last: new Date(Math.max(...times)) };
}

/** The zones furthest ahead of and behind UTC (UTC+14 and UTC−12): every local send time falls between theirs. */
export const EARLIEST_ZONE = 'Etc/GMT-14';
export const LATEST_ZONE = 'Etc/GMT+12';
