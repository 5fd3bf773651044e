import type { LearnerId } from './types.js';

/**
 * Links between chat learners (`chat:<platform>:<salted hash>`) and the
 * subscriber record the same person signed up as, so practice in chat and
 * in email is one learner (`subscriber:<id>`). Unsubscribing or erasing the
 * subscriber removes its links (the subscriber store does that).
 */
export interface LearnerLinkStore {
  /**
   * Links `learner` to the subscriber with this normalised address. Returns
   * the subscriber's id, or null when no subscriber has the address (nothing
   * is linked). Linking again is a no-op; a learner links to one subscriber
   * at a time, so a new address moves the link.
   */
  linkByEmail(input: { learner: LearnerId; email: string; now: Date }): Promise<string | null>;
  /** The subscriber a learner is linked to, or null. */
  subscriberOf(learner: LearnerId): Promise<string | null>;
}
