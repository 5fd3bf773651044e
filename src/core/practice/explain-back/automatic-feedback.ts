import type { Concept } from '../../content/types.js';
import type { SourceRef } from '../../ports.js';
import { type KeyIdea, keyIdeas } from './key-ideas.js';
import { checkCoverage } from './lexical-check.js';
import type { Verdict } from './parse-grade.js';
import type { FeedbackPoint } from './types.js';

/** What the automatic check finds; the service adds the key, label and notices. */
export interface AutomaticGrade {
  verdict: Verdict;
  hints: string[];
  right: FeedbackPoint[];
  missing: FeedbackPoint[];
}

const sourceOf = (concept: Concept, section: string): SourceRef => ({
  slug: concept.slug,
  title: concept.title,
  section,
});

/**
 * A question per article section that still has uncovered ideas. It names
 * the area, never the idea itself, so it can be shown before the answers.
 */
export function sectionHint(concept: Concept, section: string, covered = 0, total = 0): string {
  if (section === 'What it is')
    return `In one sentence: what is ${concept.title}, and what problem does it solve?`;
  if (section === 'How it works')
    return total > 0
      ? `You covered ${covered} of the ${total} steps of how it works. What happens from start to finish?`
      : `How does ${concept.title} work, step by step?`;
  if (section === 'Common pitfalls')
    return `What can go wrong with ${concept.title}, and how would you avoid it?`;
  if (section === 'Good fit') return `When is ${concept.title} the right tool?`;
  if (section === 'Bad fit')
    return `When is ${concept.title} the wrong tool, and what would you use instead?`;
  return `What does the article's "${section}" part add to your explanation?`;
}

/**
 * The check without a model: which of the article's key ideas (definition,
 * how-it-works steps, pitfalls) the explanation's words cover. Covered ideas
 * are listed by their label, missing ones with their text (shown only on
 * request), and hints name the sections still missing something.
 */
export function automaticGrade(concept: Concept, explanation: string): AutomaticGrade {
  const coverage = checkCoverage(explanation, keyIdeas(concept));
  const point = (idea: KeyIdea, text: string): FeedbackPoint => ({
    text,
    sources: [sourceOf(concept, idea.section)],
  });
  const right = coverage
    .filter((c) => c.covered)
    .map((c) => point(c.idea, `${c.idea.section}: ${c.idea.label}`));
  const missing = coverage.filter((c) => !c.covered).map((c) => point(c.idea, c.idea.text));
  const sections = [...new Set(coverage.filter((c) => !c.covered).map((c) => c.idea.section))];
  const hints = sections.map((section) => {
    const inSection = coverage.filter((c) => c.idea.section === section);
    return sectionHint(concept, section, inSection.filter((c) => c.covered).length, inSection.length);
  });
  const share = coverage.length === 0 ? 0 : right.length / coverage.length;
  const verdict: Verdict = right.length === 0 ? 'off-topic' : share >= 0.5 ? 'good' : 'partial';
  return { verdict, hints, right, missing };
}
