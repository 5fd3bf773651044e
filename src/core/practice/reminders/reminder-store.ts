import type { LearnerId } from '../types.js';
import type { PendingReminder, ReminderOptIn, ReminderPlatform } from './types.js';

/** How one claimed reminder went. */
export interface ReminderOutcome {
  learner: LearnerId;
  localDate: string;
  outcome: { status: 'sent' } | { status: 'failed'; permanent: boolean; error: string };
}

/** How many times a day a reminder that failed for a passing reason is tried. */
export const MAX_REMINDER_ATTEMPTS = 3;

/**
 * Where opt-ins and daily claims live. Safe with several replicas: a
 * reminder is claimed per (learner, local date) with one conditional insert
 * before it is sent, so only one process ever sends it.
 */
export interface ReminderStore {
  /** Creates or replaces a learner's opt-in. */
  save(optIn: ReminderOptIn): Promise<void>;
  /** Deletes a learner's opt-in; false when there was none. */
  remove(learner: LearnerId): Promise<boolean>;
  find(learner: LearnerId): Promise<ReminderOptIn | null>;
  /** Every opt-in on these platforms. */
  optIns(platforms: readonly ReminderPlatform[]): Promise<ReminderOptIn[]>;
  /**
   * Of these (learner, local date) candidates, those with items due at `now`
   * (counting only `itemIds`, the items the library still has) and no claim
   * for that date, except a claim that failed for a passing reason and has
   * attempts left.
   */
  pending(
    candidates: ReadonlyArray<{ optIn: ReminderOptIn; localDate: string }>,
    itemIds: readonly string[],
    now: Date,
  ): Promise<PendingReminder[]>;
  /**
   * Claims each (learner, local date) for `worker`: inserts the claim, or takes
   * over a retryable failed one. Returns the learners this call claimed; a
   * pair claimed by anyone else (another replica, an earlier run) is left out.
   */
  claim(
    pairs: ReadonlyArray<{ learner: LearnerId; localDate: string }>,
    worker: string,
    now: Date,
  ): Promise<Set<LearnerId>>;
  /** Records how claimed sends went, one statement for the lot (a run records a batch at a time). */
  record(outcomes: readonly ReminderOutcome[], now: Date): Promise<void>;
  /** Deletes claims for local dates before `beforeDate`; returns how many. */
  pruneClaims(beforeDate: string): Promise<number>;
}
