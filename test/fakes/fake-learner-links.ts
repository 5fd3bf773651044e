import type { LearnerLinkStore } from '../../src/core/practice/learner-links.js';

/** A {@link LearnerLinkStore} over maps: subscribers by address, links by learner; records every call. */
export function createFakeLearnerLinks(subscribers: Record<string, string> = {}) {
  const ids = new Map(Object.entries(subscribers));
  const links = new Map<string, string>();
  const calls: Array<{ method: string; learner: string; email?: string }> = [];
  const store: LearnerLinkStore & {
    calls: typeof calls;
    links: Map<string, string>;
    /** What the subscriber store does on unsubscribe or erase. */
    unlinkSubscriber(id: string): void;
  } = {
    calls,
    links,
    async linkByEmail({ learner, email }) {
      calls.push({ method: 'linkByEmail', learner, email });
      const id = ids.get(email);
      if (!id) return null;
      links.set(learner, id);
      return id;
    },
    async subscriberOf(learner) {
      calls.push({ method: 'subscriberOf', learner });
      return links.get(learner) ?? null;
    },
    unlinkSubscriber(id) {
      for (const [learner, subscriber] of links) if (subscriber === id) links.delete(learner);
    },
  };
  return store;
}
