import type { QuestionLog, QuestionRecord } from '../../core/ports.js';
import type { MetricsRegistry } from './metrics-registry.js';

/** Answer latency buckets, in seconds: extractive answers take milliseconds, model answers seconds. */
const LATENCY_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30, 60];

/**
 * Wraps a question log so that every answered question, on any surface, is
 * counted by platform and mode, its latency observed and its tokens added up.
 * The log is where every answer ends up, so this is the one place to observe
 * them; the metric is counted even if writing the row fails.
 */
export function instrumentQuestionLog(inner: QuestionLog, registry: MetricsRegistry): QuestionLog {
  const questions = registry.counter(
    'concept_tutor_questions_total',
    'Questions answered, by platform and answer mode (ai, extractive, not-covered, model-refused).',
  );
  const latency = registry.histogram(
    'concept_tutor_answer_latency_seconds',
    'Time from question to answer, by answer mode.',
    LATENCY_BUCKETS,
  );
  const tokens = registry.counter(
    'concept_tutor_tokens_total',
    'Language model tokens used, by kind (input, output, cache_read, cache_write).',
  );
  const feedback = registry.counter(
    'concept_tutor_feedback_total',
    'Feedback votes on answers, by vote (up, down).',
  );
  const observe = (entry: QuestionRecord) => {
    questions.inc({ platform: entry.platform, mode: entry.mode });
    latency.observe({ mode: entry.mode }, entry.latencyMs / 1000);
    const { inputTokens, outputTokens, cacheReadTokens, cacheWriteTokens } = entry.usage;
    if (inputTokens) tokens.inc({ kind: 'input' }, inputTokens);
    if (outputTokens) tokens.inc({ kind: 'output' }, outputTokens);
    if (cacheReadTokens) tokens.inc({ kind: 'cache_read' }, cacheReadTokens);
    if (cacheWriteTokens) tokens.inc({ kind: 'cache_write' }, cacheWriteTokens);
  };
  return {
    ...inner,
    record(entry) {
      observe(entry);
      return inner.record(entry);
    },
    // The tutor reserves a question before answering and settles it after: an answer is counted when settled.
    settle(id, entry) {
      observe(entry);
      return inner.settle(id, entry);
    },
    async setFeedback(id, vote, reason) {
      const stored = await inner.setFeedback(id, vote, reason);
      if (stored) feedback.inc({ vote: vote === 1 ? 'up' : 'down' });
      return stored;
    },
  };
}
