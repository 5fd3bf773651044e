import { isUserFacing, UserFacingError } from '../errors.js';

/**
 * The one apology for a failure that is not the asker's to fix, shown by
 * every surface (Slack, Discord, the web Ask page). The details go to the log.
 */
export const APOLOGY =
  "Sorry, something went wrong on my side and I couldn't answer. Please try again in a minute; if it keeps happening, tell whoever runs the tutor.";

/** What replaces a "Looking that up…" placeholder the tutor could not finish before it restarted. */
export const INTERRUPTED_APOLOGY =
  "Sorry, the tutor restarted before it could finish this answer. Please ask again; it's back now.";

/** The text a person may see for an error: a UserFacingError's own words, anything else the apology. */
export function userReplyFor(error: unknown): string {
  return isUserFacing(error) ? error.message : APOLOGY;
}

/** The service is stopping and its time to finish answers ran out (SHUTDOWN_DRAIN_SECONDS). */
export function shuttingDownError(): UserFacingError {
  return new UserFacingError(
    'SHUTTING_DOWN',
    "Sorry, the tutor is restarting and couldn't finish this answer. Please ask again in a minute.",
  );
}
