import { errorFields, isUserFacing, UserFacingError } from '../errors.js';
import type { Logger, QuestionLog, QuestionReservation } from '../ports.js';
import type { UsageGuard } from './create-usage-guard.js';

/** A question let through the limits; its row is in the log and must be settled. */
export interface Admission {
  /** The question log id, for settling and for feedback. */
  id: string;
  /** False when the budget has no room for this question's reservation: answer without the model. */
  useModel: boolean;
}

/** The limits cannot be checked because usage cannot be recorded or counted (the database is down). */
export function usageUnavailableError(cause: unknown): UserFacingError {
  return new UserFacingError(
    'USAGE_UNAVAILABLE',
    "Sorry, I can't answer right now: I couldn't record your question, which I need to do before answering. Please try again in a few minutes.",
    { cause },
  );
}

/**
 * Lets a question through the limits, failing closed. The question is
 * written to the log first, holding `reservedTokens` of the budget (the most
 * its model call can cost); then the rate limit and the budget are checked,
 * counting it. Because the row exists before the checks and before the
 * model call, concurrent questions on any number of replicas see each
 * other's reservations and cannot overspend together. A refused question is
 * released again. When the log cannot be written or read, nothing is
 * answered and the asker is told to try again.
 */
export async function admitQuestion(
  deps: { questionLog: QuestionLog; guard?: UsageGuard | undefined; logger: Logger },
  reservation: QuestionReservation,
): Promise<Admission> {
  const { questionLog, guard, logger } = deps;
  let id: string;
  try {
    ({ id } = await questionLog.reserve(reservation));
  } catch (error) {
    logger.error('could not write the question to the question log; not answering it', errorFields(error));
    throw usageUnavailableError(error);
  }
  try {
    await guard?.checkRate(reservation.platform, reservation.userHash);
    const useModel = reservation.reservedTokens > 0 && (guard ? await guard.budgetAllows() : true);
    return { id, useModel };
  } catch (error) {
    await questionLog.release(id).catch((releaseError: unknown) =>
      logger.warn(
        'could not release a refused question; it counts toward its limit until the window passes',
        {
          ...errorFields(releaseError),
        },
      ),
    );
    if (isUserFacing(error)) throw error;
    logger.error('could not count usage in the question log; not answering', errorFields(error));
    throw usageUnavailableError(error);
  }
}
