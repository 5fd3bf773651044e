import { UserFacingError } from '../errors.js';

// IANA names only ("Asia/Tokyo", "America/Argentina/Buenos_Aires", "UTC", "Etc/GMT+12"): newer runtimes
// also accept offsets such as "+09:00", which would freeze a zone's DST rules out of the schedule.
const IANA_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+){0,2}$/;

/**
 * The canonical spelling of an IANA time zone this runtime knows
 * (`asia/tokyo` → `Asia/Tokyo`), or null for anything else: offsets,
 * abbreviations Intl does not know, over-long or malformed strings.
 */
export function canonicalTimeZone(input: string): string | null {
  const name = input.trim();
  if (name.length === 0 || name.length > 64 || !IANA_NAME.test(name)) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/**
 * Validates a time zone a subscriber chose (a form field, the browser's
 * guess): the canonical IANA name, or a UserFacingError that quotes the
 * value and says what to write instead.
 */
export function parseTimeZone(input: string): string {
  const zone = canonicalTimeZone(input);
  if (zone) return zone;
  throw new UserFacingError(
    'TIME_ZONE_INVALID',
    `"${input.trim().slice(0, 64)}" is not a time zone. Choose an IANA zone name such as Europe/Berlin, America/New_York or Asia/Tokyo.`,
  );
}
