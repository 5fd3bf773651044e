import type { SourceRef } from '../../ports.js';
import type { Verdict } from './parse-grade.js';

/** One point of feedback and the article passages behind it. */
export interface FeedbackPoint {
  text: string;
  /** The article sections it rests on (never empty: an uncited point is dropped). */
  sources: SourceRef[];
}

/** How an explanation was graded. */
export type GradeMode = 'ai' | 'automatic';

/**
 * Feedback on one explanation. Surfaces show `hints` first (what area is
 * missing, as questions) and the rest only when the learner asks for it:
 * hint-first tutoring helps learning where handing out answers can hurt it.
 */
export interface ExplainFeedback {
  /** Finds this feedback again for "Show what I missed" (see ExplainBack.revealed). */
  key: string;
  concept: { slug: string; title: string };
  mode: GradeMode;
  /** Says how it was graded, e.g. "Automatic check — no AI model configured"; always shown. */
  label: string;
  verdict: Verdict;
  /** Questions that point at what is missing without giving it away. */
  hints: string[];
  right: FeedbackPoint[];
  missing: FeedbackPoint[];
  misconception: FeedbackPoint | null;
  /** Things the learner should know (a fallback, points left out for citing nothing). */
  notices: string[];
}
