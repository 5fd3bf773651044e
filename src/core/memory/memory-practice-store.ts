import { pickViewOf } from '../practice/pick-next-item.js';
import type { PracticeStore } from '../practice/practice-store.js';
import type { ItemState, ShownItem } from '../practice/types.js';

/** An in-memory {@link PracticeStore}: the dev default and the test fake. It forgets on restart. */
export function createMemoryPracticeStore(): PracticeStore {
  const states = new Map<string, Map<string, ItemState>>();
  const shown = new Map<string, ShownItem>();
  const copy = (s: ItemState): ItemState => ({ ...s, card: { ...s.card } });
  return {
    async statesOf(learner) {
      return [...(states.get(learner)?.values() ?? [])].map(copy);
    },
    async pickView(learner, itemIds, now) {
      return pickViewOf([...(states.get(learner)?.values() ?? [])], itemIds, now);
    },
    async saveState(state, expectedVersion) {
      const mine = states.get(state.learner) ?? new Map<string, ItemState>();
      states.set(state.learner, mine);
      if ((mine.get(state.itemId)?.version ?? 0) !== expectedVersion) return false;
      mine.set(state.itemId, copy(state));
      return true;
    },
    async recordShown(item) {
      shown.set(item.id, { ...item });
    },
    async findShown(id) {
      const item = shown.get(id);
      return item ? { ...item } : null;
    },
    async answerShown(id, answer) {
      const item = shown.get(id);
      if (!item) return null;
      if (item.answer) return { shown: { ...item }, first: false };
      item.answer = answer;
      return { shown: { ...item }, first: true };
    },
    async answerTimes(learner, since) {
      return [...shown.values()]
        .filter((s) => s.learner === learner && s.answer && s.answer.answeredAt >= since)
        .map((s) => s.answer!.answeredAt)
        .sort((a, b) => a.getTime() - b.getTime());
    },
    async learningStats(now) {
      const slugs = new Map<string, { learners: Set<string>; due: number }>();
      for (const [learner, mine] of states) {
        for (const state of mine.values()) {
          const entry = slugs.get(state.slug) ?? { learners: new Set(), due: 0 };
          entry.learners.add(learner);
          if (state.card.due <= now) entry.due += 1;
          slugs.set(state.slug, entry);
        }
      }
      const items = new Map<
        string,
        { learners: Set<string>; choices: Map<number, { answers: number; correct: boolean }> }
      >();
      for (const item of shown.values()) {
        if (!item.answer) continue;
        const entry = items.get(item.itemId) ?? { learners: new Set(), choices: new Map() };
        entry.learners.add(item.learner);
        const choice = entry.choices.get(item.answer.choice) ?? { answers: 0, correct: item.answer.correct };
        choice.answers += 1;
        entry.choices.set(item.answer.choice, choice);
        items.set(item.itemId, entry);
      }
      return {
        slugs: [...slugs].map(([slug, e]) => ({ slug, learners: e.learners.size, due: e.due })),
        items: [...items].map(([itemId, e]) => ({
          itemId,
          learners: e.learners.size,
          choices: [...e.choices].map(([choice, c]) => ({ choice, ...c })),
        })),
      };
    },
    async pruneShown(olderThan) {
      let count = 0;
      for (const [id, item] of shown) if (item.shownAt < olderThan && shown.delete(id)) count++;
      return count;
    },
  };
}
