import type { Clock } from '../../ports.js';
import type { ExplainFeedback } from './types.js';

/** Feedback kept for "Show what I missed", with whose it is. */
interface Entry {
  feedback: ExplainFeedback;
  userHash: string;
  expiresAt: number;
}

/** Recent feedback by key, so revealing it (or a resubmitted form) costs no second model call. */
export interface FeedbackCache {
  get(key: string, userHash: string): ExplainFeedback | null;
  put(feedback: ExplainFeedback, userHash: string): void;
}

/** How long feedback stays revealable. */
export const FEEDBACK_TTL_MS = 60 * 60_000;

/**
 * An in-process cache, bounded in size (oldest out first) and time. Only
 * the learner who wrote an explanation gets its feedback back. It is per
 * process: a reveal on another replica finds nothing, and the surfaces that
 * can carry the explanation (Slack, the web) grade it again there.
 */
export function createFeedbackCache(clock: Clock, maxEntries = 2000): FeedbackCache {
  const entries = new Map<string, Entry>();
  return {
    get(key, userHash) {
      const entry = entries.get(key);
      if (!entry) return null;
      if (entry.expiresAt <= clock.now().getTime()) {
        entries.delete(key);
        return null;
      }
      return entry.userHash === userHash ? entry.feedback : null;
    },
    put(feedback, userHash) {
      entries.delete(feedback.key);
      entries.set(feedback.key, { feedback, userHash, expiresAt: clock.now().getTime() + FEEDBACK_TTL_MS });
      while (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
    },
  };
}
