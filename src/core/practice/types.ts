import type { CheckItem } from '../content/types.js';

/**
 * Who is practising, as an opaque key: `web:<cookie id>`, `chat:<platform>:<salted hash>`
 * or `subscriber:<id>` (see learner-id.ts). Never an email address or a raw platform id.
 */
export type LearnerId = string;

/** The FSRS memory state of one item for one learner, in our own shape (the port never exposes ts-fsrs types). */
export interface ReviewCard {
  due: Date;
  stability: number;
  difficulty: number;
  elapsedDays: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  /** FSRS state: 0 new, 1 learning, 2 review, 3 relearning. */
  state: number;
  lastReview: Date | null;
}

/** One learner's state for one item; `version` increases on every write (optimistic concurrency). */
export interface ItemState {
  learner: LearnerId;
  itemId: string;
  /** Slug of the article the item belongs to, so a session can interleave without the library. */
  slug: string;
  card: ReviewCard;
  version: number;
}

/** What picking the next item needs from a learner's states (see pick-next-item.ts). */
export interface PickView {
  /** Article of the most recently reviewed item, to interleave away from it. */
  lastSlug: string | null;
  /** Items due now, most overdue first. */
  due: Array<{ itemId: string; slug: string }>;
  /** Every item the learner has a state for. */
  seen: ReadonlySet<string>;
  /** Earliest due date of any item, for "all caught up until …". */
  nextDue: Date | null;
}

/** How a shown item was answered. */
export interface ShownAnswer {
  choice: number;
  correct: boolean;
  answeredAt: Date;
}

/**
 * An item put in front of a learner. Its id is the idempotency key of the
 * answer: a shown item is graded at most once, however often it is submitted.
 */
export interface ShownItem {
  id: string;
  learner: LearnerId;
  itemId: string;
  shownAt: Date;
  answer: ShownAnswer | null;
}

/** A practice item with where it comes from, in the order new items are introduced. */
export interface PracticeItem extends CheckItem {
  slug: string;
  title: string;
  kind: 'concept' | 'use-case';
}

/** Raw counts behind the admin's learning report (aggregates only). */
export interface LearningStats {
  /** Per article slug: learners with any state, and item states due at `now`. */
  slugs: Array<{ slug: string; learners: number; due: number }>;
  /** Per item: learners who answered it, and answers per chosen option. */
  items: Array<{
    itemId: string;
    learners: number;
    choices: Array<{ choice: number; answers: number; correct: boolean }>;
  }>;
}
