/** The forms `/practice remind` accepts, for error messages and help. */
export const ACCEPTED_TIMES = '9:00, 09:00, 17:30, 9am or 5:30pm';

/** A parsed reminder time, or why the input is not one. */
export type ParsedTime = { ok: true; minutes: number } | { ok: false; message: string };

/**
 * Parses a local time of day: 24-hour `H`, `H:MM`, `HH:MM` (also `H.MM`), or
 * 12-hour `9am`, `9 am`, `5:30pm`. Returns minutes after midnight.
 */
export function parseReminderTime(input: string): ParsedTime {
  const text = input.trim().toLowerCase();
  const match = /^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?$/.exec(text);
  const bad = (why: string): ParsedTime => ({
    ok: false,
    message: `"${input.trim()}" ${why}. Write a time of day such as ${ACCEPTED_TIMES}.`,
  });
  if (!text) return bad('is empty');
  if (!match) return bad('is not a time');
  let hour = Number(match[1]);
  const minute = match[2] === undefined ? 0 : Number(match[2]);
  const meridiem = match[3]?.[0];
  if (minute > 59) return bad('has minutes above 59');
  if (meridiem) {
    if (hour < 1 || hour > 12) return bad('uses am/pm with an hour outside 1–12');
    hour = (hour % 12) + (meridiem === 'p' ? 12 : 0);
  } else if (hour > 23) return bad('has an hour above 23');
  return { ok: true, minutes: hour * 60 + minute };
}

/** "09:00", "17:30": minutes after midnight as a 24-hour time. */
export function formatReminderTime(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}
