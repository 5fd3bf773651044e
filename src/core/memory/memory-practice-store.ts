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
    async pruneShown(olderThan) {
      let count = 0;
      for (const [id, item] of shown) if (item.shownAt < olderThan && shown.delete(id)) count++;
      return count;
    },
  };
}
