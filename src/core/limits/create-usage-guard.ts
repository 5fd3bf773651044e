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

/** Decides whether a question may go ahead, and whether it may use the model. */
export interface UsageGuard {
  /** Throws a UserFacingError when the person is over the rate limit. */
  checkRate(platform: Platform, userHash: string): Promise<void>;
  /** True while today's token budget has room left. */
  budgetLeft(): Promise<boolean>;
}

function startOfUtcDay(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/**
 * Limits read from the question log, so they hold across restarts and
 * replicas without another store. The command line is never limited.
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
      const asked = await questionLog.countByUserSince(userHash, since);
      if (asked >= limits.perUser) {
        const minutes = Math.max(1, Math.round(limits.windowMs / 60_000));
        throw new UserFacingError(
          'RATE_LIMITED',
          `You've asked ${asked} questions in the last ${minutes} minutes, which is the limit. Take a breather and try again a bit later.`,
        );
      }
    },
    async budgetLeft() {
      if (limits.dailyTokenBudget <= 0) return true;
      return (await questionLog.tokensSince(startOfUtcDay(clock.now()))) < limits.dailyTokenBudget;
    },
  };
}
