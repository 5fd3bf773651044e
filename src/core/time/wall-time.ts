/**
 * Wall clocks in IANA time zones, read through Intl with the runtime's time
 * zone data (DST included). The digest's local send times and the practice
 * reminders' local days both read them.
 */

/** A wall-clock reading: calendar date and time of day, in no zone. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

// Building a DateTimeFormat costs tens of microseconds, far more than using one: the digest's snapshot, its
// tick and the reminder job read thousands of clocks, so each zone's formatter is built once.
const formats = new Map<string, Intl.DateTimeFormat>();
/** The cached `en-US`, 24-hour formatter of `timeZone`, down to the second. */
export const formatFor = (timeZone: string) => {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formats.set(timeZone, format);
  }
  return format;
};

/** What the clocks in `timeZone` show at `instant` (seconds dropped). */
export function wallTimeAt(instant: Date, timeZone: string): WallTime {
  const parts = formatFor(timeZone).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
  };
}
