import { parseEmailAddress } from '../newsletter/email-address.js';
import type { Clock } from '../ports.js';
import { subscriberLearner } from './learner-id.js';
import type { LearnerLinkStore } from './learner-links.js';
import type { PracticeStore } from './practice-store.js';
import type { LearnerId } from './types.js';

/** Dependencies of {@link createLearnerLinking}. */
export interface LearnerLinkingDeps {
  links: LearnerLinkStore;
  store: Pick<PracticeStore, 'statesOf' | 'saveState'>;
  clock: Clock;
}

/** Linking chat learners to subscribers, and resolving a learner to the one its practice is kept under. */
export interface LearnerLinking {
  /**
   * Links a chat learner to the subscriber with `email` (an address their
   * platform vouches for, never one they typed) and merges their practice
   * into the subscriber's. Returns whether a subscriber was found.
   */
  link(learner: LearnerId, email: string): Promise<boolean>;
  /** `subscriber:<id>` for a linked chat learner; any other learner is its own. */
  canonical(learner: LearnerId): Promise<LearnerId>;
}

/**
 * Creates {@link LearnerLinking}. The merge rule, per item: the subscriber
 * learner keeps its state unless the chat learner reviewed the item more
 * recently (or the subscriber has no state for it), in which case the chat
 * state is copied over. Chat states are left in place, unused while the
 * link lasts: after an unsubscribe the chat learner carries on from them.
 * Writes are compare-and-swap; losing a race means a fresher write won.
 */
export function createLearnerLinking(deps: LearnerLinkingDeps): LearnerLinking {
  return {
    async link(learner, email) {
      const subscriberId = await deps.links.linkByEmail({
        learner,
        email: parseEmailAddress(email),
        now: deps.clock.now(),
      });
      if (!subscriberId) return false;
      await mergeStates(deps.store, learner, subscriberLearner(subscriberId));
      return true;
    },
    async canonical(learner) {
      if (!learner.startsWith('chat:')) return learner;
      const subscriberId = await deps.links.subscriberOf(learner);
      return subscriberId ? subscriberLearner(subscriberId) : learner;
    },
  };
}

const reviewedAt = (card: { lastReview: Date | null }) => card.lastReview?.getTime() ?? -1;

/** Copies `from`'s item states into `to` where they are newer (see {@link createLearnerLinking}). */
export async function mergeStates(
  store: Pick<PracticeStore, 'statesOf' | 'saveState'>,
  from: LearnerId,
  to: LearnerId,
): Promise<number> {
  const target = new Map((await store.statesOf(to)).map((s) => [s.itemId, s]));
  let copied = 0;
  for (const state of await store.statesOf(from)) {
    const existing = target.get(state.itemId);
    if (existing && reviewedAt(existing.card) >= reviewedAt(state.card)) continue;
    const version = existing?.version ?? 0;
    if (await store.saveState({ ...state, learner: to, version: version + 1 }, version)) copied += 1;
  }
  return copied;
}
