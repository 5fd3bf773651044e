import type { PracticeService } from '../../core/practice/practice-service.js';
import type { MetricsRegistry } from './metrics-registry.js';

/** `web`, `slack`, `discord` or `subscriber`, from a learner id; never the id itself. */
function platformOf(learner: string): string {
  const [kind, platform] = learner.split(':');
  return kind === 'chat' ? (platform ?? 'chat') : (kind ?? 'unknown');
}

/** Counts practice for /metrics: items shown and answers graded (right, wrong, replayed, refused), by platform. */
export function instrumentPractice(inner: PracticeService, registry: MetricsRegistry): PracticeService {
  const shown = registry.counter(
    'concept_tutor_practice_items_shown_total',
    'Practice questions shown, by platform (web, slack, discord).',
  );
  const answers = registry.counter(
    'concept_tutor_practice_answers_total',
    'Practice answers, by platform and result (correct, wrong, replay, refused).',
  );
  return {
    queue: (learner, slug) => inner.queue(learner, slug),
    summary: (learner) => inner.summary(learner),
    async next(learner, options) {
      const next = await inner.next(learner, options);
      if (next.item) shown.inc({ platform: platformOf(learner) });
      return next;
    },
    async answer(learner, input) {
      const graded = await inner.answer(learner, input);
      const result = !graded.ok ? 'refused' : graded.replay ? 'replay' : graded.correct ? 'correct' : 'wrong';
      answers.inc({ platform: platformOf(learner), result });
      return graded;
    },
  };
}
