import { termSequence } from '../../retrieval/terms.js';
import type { KeyIdea } from './key-ideas.js';

/** How far an explanation covers one key idea. */
export interface IdeaCoverage {
  idea: KeyIdea;
  /** Share of the idea's terms the explanation uses, 0–1. */
  overlap: number;
  covered: boolean;
}

/**
 * An idea counts as covered when the explanation uses at least this share
 * of its stemmed content words, and at least {@link MIN_SHARED} of them (or
 * all, for a very short idea). Tuned on the starter library: a faithful
 * paraphrase of a step shares about a third of its words; an unrelated
 * sentence shares one or none.
 */
export const COVERED_OVERLAP = 0.25;
/** Fewest shared terms for a covered idea, so one common word never counts. */
export const MIN_SHARED = 2;

/**
 * The automatic check: which key ideas an explanation covers, measured as
 * the overlap of stemmed content words (stop words dropped, so "the" and
 * "explain" never count). Deterministic, free and offline; it sees words,
 * not meaning, which is why its result is labelled as automatic.
 */
export function checkCoverage(explanation: string, ideas: readonly KeyIdea[]): IdeaCoverage[] {
  const said = new Set(termSequence(explanation));
  return ideas.map((idea) => {
    let shared = 0;
    for (const term of idea.terms) if (said.has(term)) shared++;
    const overlap = idea.terms.size === 0 ? 0 : shared / idea.terms.size;
    const needed = Math.min(MIN_SHARED, idea.terms.size);
    return { idea, overlap, covered: shared >= needed && overlap >= COVERED_OVERLAP };
  });
}
