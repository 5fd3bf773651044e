import { UserFacingError } from '../errors.js';
import type { Clock, Platform, QuestionLog } from '../ports.js';

/** Chat limits; 0 turns a limit off. */
export interface UsageLimits {
  /** Questions one person may ask per window. */
  perUser: number;
  windowMs: number;
  /** Input + output tokens the whole workspace may spend per UTC day. */
  dailyTokenBudget: number;
}

/**
 * Decides whether a question may go ahead, and whether it may use the model.
 * Both checks run after the question was reserved in the log (see
 * admitQuestion) and count it, so concurrent questions see each other.
 */
export interface UsageGuard {
  /** Throws a UserFacingError when the person, this question included, is over the rate limit. */
  checkRate(platform: Platform, userHash: string): Promise<void>;
  /** True while today's spending, every pending reservation included, fits the budget. */
  budgetAllows(): Promise<boolean>;
}

function startOfUtcDay(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/**
 * Limits read from the question log, so they hold across restarts and
 * replicas without another store. The command line is never rate limited,
 * but its model calls count toward the budget.
 */
export function createUsageGuard(deps: {
  questionLog: QuestionLog;
  clock: Clock;
  limits: UsageLimits;
}): UsageGuard {
  const { questionLog, clock, limits } = deps;
  return {
    async checkRate(platform, userHash) {
      if (platform === 'cli' || limits.perUser <= 0) return;
      const since = new Date(clock.now().getTime() - limits.windowMs);
      // The count includes the question being asked, which is already in the log.
      const asked = (await questionLog.countByUserSince(userHash, since)) - 1;
      if (asked >= limits.perUser) {
        const minutes = Math.max(1, Math.round(limits.windowMs / 60_000));
        throw new UserFacingError(
          'RATE_LIMITED',
          `You've asked ${asked} questions in the last ${minutes} minutes, which is the limit. Take a breather and try again a bit later.`,
        );
      }
    },
    async budgetAllows() {
      if (limits.dailyTokenBudget <= 0) return true;
      return (await questionLog.tokensSince(startOfUtcDay(clock.now()))) <= limits.dailyTokenBudget;
    },
  };
}
