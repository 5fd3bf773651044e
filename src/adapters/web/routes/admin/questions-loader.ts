import { groupGaps } from '../../../../core/insights/group-gaps.js';
import type { LoggedQuestion, QuestionTotals } from '../../../../core/ports.js';
import type { WebDeps } from '../../web-deps.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** How far back the gap report looks, and how many not-covered questions it reads. */
export const GAP_DAYS = 30;
const GAP_LIMIT = 1000;

/** What the questions page shows. */
export interface QuestionsData {
  day: QuestionTotals;
  week: QuestionTotals;
  month: QuestionTotals;
  all: QuestionTotals;
  gaps: LoggedQuestion[];
  /** "Not covered": nothing in the library matched. */
  grouped: ReturnType<typeof groupGaps<LoggedQuestion>>;
  /** "Model refused": retrieval matched, and the model said the passages do not answer. */
  refused: LoggedQuestion[];
  refusedGroups: ReturnType<typeof groupGaps<LoggedQuestion>>;
  thumbsDown: LoggedQuestion[];
  recent: LoggedQuestion[];
  dailyTokenBudget: number;
}

/** Reads totals for four periods, the last 30 days' gaps (grouped by topic), 👎 feedback and recent questions. */
export async function loadQuestions(
  deps: Pick<WebDeps, 'questionLog' | 'clock' | 'settings'>,
): Promise<QuestionsData> {
  const log = deps.questionLog;
  const now = deps.clock.now();
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const gapSince = new Date(now.getTime() - GAP_DAYS * DAY_MS);
  const [day, week, month, all, gaps, thumbsDown, recent] = await Promise.all([
    log.totals({ since: today }),
    log.totals({ since: new Date(now.getTime() - 7 * DAY_MS) }),
    log.totals({ since: new Date(now.getTime() - 30 * DAY_MS) }),
    log.totals(),
    log.recent({ limit: GAP_LIMIT, covered: false, since: gapSince }),
    log.recent({ limit: 50, feedback: -1 }),
    log.recent({ limit: 50 }),
  ]);
  // Two kinds of gap: nothing in the library matched, or retrieval matched and the model said the passages do not answer.
  const grouped = groupGaps(
    gaps.filter((q) => q.mode !== 'model-refused'),
    (q) => q.text,
  );
  const refused = gaps.filter((q) => q.mode === 'model-refused');
  return {
    day,
    week,
    month,
    all,
    gaps,
    grouped,
    refused,
    refusedGroups: groupGaps(refused, (q) => q.text),
    thumbsDown,
    recent,
    dailyTokenBudget: deps.settings.dailyTokenBudget,
  };
}
