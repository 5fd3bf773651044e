import type { ItemState, LearnerId, LearningStats, PickView, ShownAnswer, ShownItem } from './types.js';

/**
 * Where practice state lives. Implementations must be safe with several
 * replicas: one row per (learner, item), compare-and-swap writes on
 * `version`, and an answer recorded on a shown item at most once.
 */
export interface PracticeStore {
  /** Every item state of one learner. */
  statesOf(learner: LearnerId): Promise<ItemState[]>;
  /** What picking the next item needs, over `itemIds` only (pick-next-item.ts `pickViewOf` defines it). */
  pickView(learner: LearnerId, itemIds: readonly string[], now: Date): Promise<PickView>;
  /**
   * Writes `state` if the stored version is still `expectedVersion` (0: no row yet).
   * Returns false when another writer got there first; the caller re-reads and retries.
   */
  saveState(state: ItemState, expectedVersion: number): Promise<boolean>;
  /** Records that an item was shown. */
  recordShown(shown: ShownItem): Promise<void>;
  /** A shown item by id, or null. */
  findShown(id: string): Promise<ShownItem | null>;
  /**
   * Records `answer` on a shown item if it has none yet. Returns the stored
   * record and whether this call recorded it (`first`), or null for an unknown id.
   */
  answerShown(id: string, answer: ShownAnswer): Promise<{ shown: ShownItem; first: boolean } | null>;
  /**
   * When this learner answered practice items at or after `since`, oldest
   * first (one entry per answer): what a practice streak is counted from.
   */
  answerTimes(learner: LearnerId, since: Date): Promise<Date[]>;
  /** Counts across all learners for the admin's learning report; never per-learner rows. */
  learningStats(now: Date): Promise<LearningStats>;
  /** Deletes shown items older than `olderThan`; returns how many. */
  pruneShown(olderThan: Date): Promise<number>;
}
