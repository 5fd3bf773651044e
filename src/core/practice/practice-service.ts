import type { Library } from '../content/types.js';
import type { Clock } from '../ports.js';
import { pickFromView } from './pick-next-item.js';
import { practiceItems } from './practice-items.js';
import type { PracticeStore } from './practice-store.js';
import { practiceStreak, STREAK_WINDOW_DAYS } from './practice-streak.js';
import type { ReviewScheduler } from './review-scheduler.js';
import type { ItemState, LearnerId, PracticeItem } from './types.js';

/** The next item to show, with the id of this showing (the answer's idempotency key). */
export type NextItem = { item: PracticeItem; shownId: string } | { item: null; nextReviewAt: Date | null };

/** Feedback on one answer. `replay` is true when this shown item had already been answered. */
export interface Graded {
  ok: true;
  correct: boolean;
  /** Index of the right option. */
  correctChoice: number;
  item: PracticeItem;
  nextReviewAt: Date;
  replay: boolean;
}

/** Why an answer was refused: all of these come from stale or forged input. */
export type AnswerRefusal = 'unknown-shown' | 'item-mismatch' | 'choice-out-of-range' | 'item-gone';

/** Where one learner stands, for a summary such as Slack's Home tab. */
export interface PracticeSummary {
  /** Items started (answered or queued) whose review is due now. */
  due: number;
  /** Items the learner has any state for. */
  started: number;
  /** Consecutive UTC days with at least one answer, ending today or yesterday (see practice-streak.ts). */
  streak: number;
}

/** Retrieval practice for every surface: what to show next, and grading an answer once. */
export interface PracticeService {
  /**
   * The next item for a learner, recorded as shown. With `focus` (a slug), that
   * article's due or new items come first ("practise this"); then the usual order.
   */
  next(learner: LearnerId, options?: { focus?: string }): Promise<NextItem>;
  /**
   * "Quiz me on this later": makes the article's items the learner has not
   * started due now, so the next session serves them first. Returns how many
   * were added (0 when all were already queued or practised).
   */
  queue(learner: LearnerId, slug: string): Promise<number>;
  /** Items due now, items started and the day streak of one learner. */
  summary(learner: LearnerId): Promise<PracticeSummary>;
  answer(
    learner: LearnerId,
    /** `itemId` is checked against the showing when given (the web form sends it; chat buttons carry only the showing). */
    input: { shownId: string; itemId?: string; choice: number },
  ): Promise<Graded | { ok: false; reason: AnswerRefusal }>;
}

/** Dependencies of {@link createPracticeService}. */
export interface PracticeServiceDeps {
  store: PracticeStore;
  scheduler: ReviewScheduler;
  clock: Clock;
  library: () => Library;
  /** A fresh unguessable id for a shown item (crypto.randomUUID in production). */
  newId: () => string;
}

const MAX_WRITE_ATTEMPTS = 8;

/** Creates the {@link PracticeService}. */
export function createPracticeService(deps: PracticeServiceDeps): PracticeService {
  const cache = new WeakMap<
    Library,
    { items: PracticeItem[]; ids: string[]; byId: Map<string, PracticeItem> }
  >();
  const itemsOf = (library: Library) => {
    let entry = cache.get(library);
    if (!entry) {
      const items = practiceItems(library);
      entry = {
        items,
        ids: items.map((item) => item.id),
        byId: new Map(items.map((item) => [item.id, item])),
      };
      cache.set(library, entry);
    }
    return entry;
  };

  /** Applies one review with compare-and-swap, re-reading when another replica wrote first. */
  async function review(learner: LearnerId, item: PracticeItem, correct: boolean): Promise<ItemState> {
    for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
      const now = deps.clock.now();
      const current = (await deps.store.statesOf(learner)).find((s) => s.itemId === item.id);
      const card = deps.scheduler.review(current?.card ?? deps.scheduler.newCard(now), correct, now);
      const next: ItemState = {
        learner,
        itemId: item.id,
        slug: item.slug,
        card,
        version: (current?.version ?? 0) + 1,
      };
      if (await deps.store.saveState(next, current?.version ?? 0)) return next;
    }
    throw new Error(`practice state for ${item.id} kept changing under ${MAX_WRITE_ATTEMPTS} attempts`);
  }

  return {
    async next(learner, options = {}) {
      const { items, ids } = itemsOf(deps.library());
      const view = await deps.store.pickView(learner, ids, deps.clock.now());
      const focused = options.focus ? items.filter((item) => item.slug === options.focus) : [];
      const focusPick = focused.length > 0 ? pickFromView(focused, view) : null;
      const pick = focusPick?.item ? focusPick : pickFromView(items, view);
      if (!pick.item) return pick;
      const shownId = deps.newId();
      await deps.store.recordShown({
        id: shownId,
        learner,
        itemId: pick.item.id,
        shownAt: deps.clock.now(),
        answer: null,
      });
      return { item: pick.item, shownId };
    },

    async queue(learner, slug) {
      const { items } = itemsOf(deps.library());
      const started = new Set((await deps.store.statesOf(learner)).map((s) => s.itemId));
      const now = deps.clock.now();
      let added = 0;
      for (const item of items) {
        if (item.slug !== slug || started.has(item.id)) continue;
        const state: ItemState = {
          learner,
          itemId: item.id,
          slug,
          card: deps.scheduler.newCard(now),
          version: 1,
        };
        // Losing the race means another replica queued it: just as good.
        if (await deps.store.saveState(state, 0)) added += 1;
      }
      return added;
    },

    async summary(learner) {
      const now = deps.clock.now();
      const { byId } = itemsOf(deps.library());
      // States of items whose article was removed are never served, so they are not counted.
      const states = (await deps.store.statesOf(learner)).filter((s) => byId.has(s.itemId));
      const since = new Date(now.getTime() - STREAK_WINDOW_DAYS * 86_400_000);
      const answers = await deps.store.answerTimes(learner, since);
      return {
        due: states.filter((s) => s.card.due.getTime() <= now.getTime()).length,
        started: states.length,
        streak: practiceStreak(answers, now),
      };
    },

    async answer(learner, input) {
      const shown = await deps.store.findShown(input.shownId);
      if (!shown || shown.learner !== learner) return { ok: false, reason: 'unknown-shown' };
      if (input.itemId !== undefined && shown.itemId !== input.itemId)
        return { ok: false, reason: 'item-mismatch' };
      const item = itemsOf(deps.library()).byId.get(shown.itemId);
      if (!item) return { ok: false, reason: 'item-gone' };
      if (!Number.isInteger(input.choice) || input.choice < 0 || input.choice >= item.choices.length) {
        return { ok: false, reason: 'choice-out-of-range' };
      }
      const correct = input.choice === item.correct;
      const claimed = await deps.store.answerShown(shown.id, {
        choice: input.choice,
        correct,
        answeredAt: deps.clock.now(),
      });
      if (!claimed) return { ok: false, reason: 'unknown-shown' };
      const base = { ok: true as const, correctChoice: item.correct, item };
      if (!claimed.first) {
        // A double submit: the first answer stands and is not graded again.
        const state = (await deps.store.statesOf(learner)).find((s) => s.itemId === item.id);
        return {
          ...base,
          correct: claimed.shown.answer!.correct,
          nextReviewAt: state?.card.due ?? deps.clock.now(),
          replay: true,
        };
      }
      const state = await review(learner, item, correct);
      return { ...base, correct, nextReviewAt: state.card.due, replay: false };
    },
  };
}
