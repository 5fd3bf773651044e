import type { Concept, Library } from '../content/types.js';
import { conceptPassages } from './passages.js';

/** What the coverage decision needs to know about how the library uses a word. */
export interface ConceptStatistics {
  /** Share of the library's concepts that use a term (0–1). */
  spread(term: string): number;
}

/** The distinct terms one concept uses: its names, headings, FAQ questions and text. */
export function conceptVocabulary(concept: Concept, terms: (text: string) => string[]): Set<string> {
  const used = new Set<string>(
    terms([concept.title, ...concept.aliases, ...concept.searchPhrases].join(' ')),
  );
  for (const p of conceptPassages(concept)) {
    for (const term of terms(`${p.question} ${p.section} ${p.text}`)) used.add(term);
  }
  return used;
}

/** Statistics from per-term concept counts, kept by the caller (an incremental reindex patches them). */
export function statisticsFromCounts(
  conceptsUsing: ReadonlyMap<string, number>,
  conceptCount: number,
): ConceptStatistics {
  const count = Math.max(1, conceptCount);
  return {
    spread: (term) => (conceptsUsing.get(term) ?? 0) / count,
  };
}

/**
 * Counts, for each term, the concepts that use it. `terms` turns text into
 * processed terms; the retriever passes its cached one, since stemming is
 * most of the cost.
 */
export function createConceptStatistics(
  library: Library,
  terms: (text: string) => string[],
): ConceptStatistics {
  const conceptsUsing = new Map<string, number>();
  for (const concept of library.concepts) {
    for (const term of conceptVocabulary(concept, terms))
      conceptsUsing.set(term, (conceptsUsing.get(term) ?? 0) + 1);
  }
  return statisticsFromCounts(conceptsUsing, library.concepts.length);
}
