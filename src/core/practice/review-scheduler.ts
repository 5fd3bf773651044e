import { type Card, createEmptyCard, fsrs, Rating, type State } from 'ts-fsrs';
import type { ReviewCard } from './types.js';

/** Schedules reviews with FSRS (ts-fsrs): a right answer is "Good", a wrong one "Again". */
export interface ReviewScheduler {
  /** A card never reviewed, due now. */
  newCard(now: Date): ReviewCard;
  /** The card after one answer at `now`. */
  review(card: ReviewCard, correct: boolean, now: Date): ReviewCard;
}

/**
 * The FSRS scheduler with its default parameters (90% target retention).
 * Fuzz is off so that schedules are reproducible in tests and across replicas.
 */
export function createReviewScheduler(): ReviewScheduler {
  const scheduler = fsrs({ enable_fuzz: false });
  return {
    newCard: (now) => fromFsrs(createEmptyCard(now)),
    review(card, correct, now) {
      const next = scheduler.next(toFsrs(card), now, correct ? Rating.Good : Rating.Again);
      return fromFsrs(next.card);
    },
  };
}

function toFsrs(card: ReviewCard): Card {
  return {
    due: card.due,
    stability: card.stability,
    difficulty: card.difficulty,
    elapsed_days: card.elapsedDays,
    scheduled_days: card.scheduledDays,
    learning_steps: card.learningSteps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state as State,
    ...(card.lastReview ? { last_review: card.lastReview } : {}),
  };
}

function fromFsrs(card: Card): ReviewCard {
  return {
    due: card.due,
    stability: card.stability,
    difficulty: card.difficulty,
    elapsedDays: card.elapsed_days,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    lastReview: card.last_review ?? null,
  };
}
