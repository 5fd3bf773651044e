import type { QuestionTotals } from '../../../../core/ports.js';
import type { WebDeps } from '../../web-deps.js';

/** The state of the library and today's questions. */
export interface OverviewData {
  concepts: number;
  useCases: number;
  problems: number;
  today: QuestionTotals;
}

/** Reads the overview's figures; "today" is the UTC day. */
export async function loadOverview(
  deps: Pick<WebDeps, 'library' | 'clock' | 'questionLog'>,
): Promise<OverviewData> {
  const library = deps.library.current();
  const now = deps.clock.now();
  const today = await deps.questionLog.totals({
    since: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())),
  });
  return {
    concepts: library.concepts.length,
    useCases: library.useCases.length,
    problems: deps.library.problems().length,
    today,
  };
}
