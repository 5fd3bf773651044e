import { type LearningReport, learningReport } from '../../../../core/practice/learning-report.js';
import type { WebDeps } from '../../web-deps.js';

/** How far back "asked about" counts questions. */
export const ASKED_DAYS = 30;
const ASKED_LIMIT = 5000;

/** The learning report: practice aggregates beside how often each concept was asked about. */
export async function loadLearning(
  deps: Pick<WebDeps, 'practiceStats' | 'questionLog' | 'library' | 'clock'>,
): Promise<LearningReport> {
  const now = deps.clock.now();
  const [stats, questions] = await Promise.all([
    deps.practiceStats.learningStats(now),
    deps.questionLog.recent({ limit: ASKED_LIMIT, since: new Date(now.getTime() - ASKED_DAYS * 86_400_000) }),
  ]);
  const asked = new Map<string, number>();
  for (const q of questions) {
    for (const slug of new Set(q.sources.map((s) => s.slug))) asked.set(slug, (asked.get(slug) ?? 0) + 1);
  }
  return learningReport(deps.library.current(), stats, asked);
}
