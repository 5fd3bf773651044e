import type { PracticeService } from './practice-service.js';
import type { LearnerId } from './types.js';

/**
 * A {@link PracticeService} that first resolves each learner to the one its
 * practice is kept under (a linked chat learner to `subscriber:<id>`), so
 * the same person sees one queue, one schedule and one streak in chat and
 * in email. Surfaces keep passing their own learner id.
 */
export function withLinkedLearners(
  inner: PracticeService,
  canonical: (learner: LearnerId) => Promise<LearnerId>,
): PracticeService {
  return {
    next: async (learner, options) => inner.next(await canonical(learner), options),
    queue: async (learner, slug) => inner.queue(await canonical(learner), slug),
    summary: async (learner) => inner.summary(await canonical(learner)),
    answer: async (learner, input) => inner.answer(await canonical(learner), input),
  };
}
