import { isUserFacing } from '../../core/errors.js';

/** Shown for anything that is not a UserFacingError; the details go to the log only. */
export const GENERIC_APOLOGY =
  'Sorry, something went wrong on my side while answering. Please try again in a minute; if it keeps happening, tell whoever runs this tutor.';

/** What a person may see about an error: a UserFacingError's own message, otherwise a generic apology. */
export function errorText(error: unknown): string {
  return isUserFacing(error) ? error.message : GENERIC_APOLOGY;
}

/** A log-safe description of an error: discord.js errors carry request URLs with interaction tokens, so only the message. */
export function describeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { error: String(error) };
  const code = (error as { code?: unknown }).code;
  return { error: `${error.name}: ${error.message}`, ...(code !== undefined ? { code } : {}) };
}
