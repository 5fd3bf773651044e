import type { Concept } from '../../content/types.js';
import type { CitedSpan, SourceRef } from '../../ports.js';
import type { Passage } from '../../retrieval/passages.js';
import { sectionHint } from './automatic-feedback.js';
import { type CitedLine, citedLines, parseGrade, type Verdict } from './parse-grade.js';
import type { FeedbackPoint } from './types.js';

/** The model's grade, checked against the article. */
export interface CheckedGrade {
  verdict: Verdict;
  hints: string[];
  right: FeedbackPoint[];
  missing: FeedbackPoint[];
  misconception: FeedbackPoint | null;
  /** Points the model made without citing a passage of this article: left out, and reported. */
  dropped: number;
}

/**
 * Reads the model's reply and keeps only what the article backs: a point's
 * citations must name passages of this article (anything else is ignored),
 * and a point left with none is dropped and counted. null when the reply is
 * junk, or when nothing graded survives (a verdict alone tells the learner
 * nothing): the caller falls back to the automatic check.
 */
export function checkModelGrade(
  concept: Concept,
  passages: readonly Passage[],
  spans: readonly CitedSpan[],
): CheckedGrade | null {
  const parsed = parseGrade(citedLines(spans));
  if (!parsed) return null;
  const byId = new Map(passages.map((p) => [p.id, p]));
  let dropped = 0;
  const cite = (line: CitedLine): FeedbackPoint | null => {
    const sources: SourceRef[] = [];
    for (const id of line.passageIds) {
      const passage = byId.get(id);
      if (passage && !sources.some((s) => s.section === passage.section))
        sources.push({ slug: concept.slug, title: concept.title, section: passage.section });
    }
    if (sources.length === 0) {
      dropped++;
      return null;
    }
    return { text: line.text, sources };
  };
  const right = parsed.right.flatMap((line) => cite(line) ?? []);
  const missing = parsed.missing.flatMap((line) => cite(line) ?? []);
  const misconception = parsed.misconception ? cite(parsed.misconception) : null;
  if (right.length === 0 && missing.length === 0 && !misconception) return null;
  // Hints the model forgot are asked by section, so the first reply is never empty-handed.
  const hints =
    parsed.hints.length > 0 || missing.length === 0
      ? parsed.hints
      : [...new Set(missing.flatMap((m) => m.sources.map((s) => s.section ?? '')))].map((section) =>
          sectionHint(concept, section),
        );
  return { verdict: parsed.verdict, hints, right, missing, misconception, dropped };
}
