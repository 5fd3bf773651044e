/** An instant as a wall clock in one time zone: its calendar date and minutes after midnight. */
export interface LocalClock {
  /** `YYYY-MM-DD`, so dates compare as strings. */
  date: string;
  minutes: number;
}

// Building a formatter costs far more than using one; the reminder job reads thousands of clocks per run.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** The wall clock in `timeZone` at `instant` (DST included, from the runtime's time zone data). */
export function localClock(instant: Date, timeZone: string): LocalClock {
  const parts: Record<string, string> = {};
  for (const part of formatter(timeZone).formatToParts(instant)) parts[part.type] = part.value;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

/** The day after a `YYYY-MM-DD` date. */
export function nextDate(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}

/**
 * An IANA zone as the runtime spells it (`europe/paris` → `Europe/Paris`), or
 * null when the runtime does not know it. Offsets such as `+02:00` are refused:
 * they would not follow daylight saving time.
 */
export function canonicalTimeZone(input: string): string | null {
  const zone = input.trim();
  if (!zone || /^[+-]\d/.test(zone)) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}
