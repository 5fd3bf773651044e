import { z } from 'zod';
import { UserFacingError } from '../errors.js';

// RFC 5321 limits the path to 254 characters; longer input is not an address.
const emailSchema = z.email({ error: 'not-an-email' }).max(254, { error: 'too-long' });

/**
 * Normalises (trims, lower-cases) and validates an email address with zod's
 * `z.email()`. Throws a UserFacingError that quotes the input and says what
 * an address looks like, so the same message works in chat, web and CLI.
 */
export function parseEmailAddress(input: string): string {
  const email = input
    .trim()
    .replace(/^mailto:/i, '')
    .toLowerCase();
  if (email === '')
    throw new UserFacingError('EMAIL_MISSING', 'Please give an email address, like name@example.com.');
  const parsed = emailSchema.safeParse(email);
  if (parsed.success) return parsed.data;
  const shown = email.length > 80 ? `${email.slice(0, 77)}…` : email;
  const why =
    parsed.error.issues[0]?.message === 'too-long'
      ? 'is longer than 254 characters'
      : 'is not a valid email address';
  throw new UserFacingError('EMAIL_INVALID', `"${shown}" ${why}. Use an address like name@example.com.`);
}

/** Like {@link parseEmailAddress} but returns null instead of throwing (bulk imports report, not abort). */
export function tryParseEmailAddress(input: string): string | null {
  try {
    return parseEmailAddress(input);
  } catch {
    return null;
  }
}
