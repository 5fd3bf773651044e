import type { Library } from '../content/types.js';
import { conceptPassages } from './passages.js';

/** What the coverage decision needs to know about how the library uses a word. */
export interface ConceptStatistics {
  /** Share of the library's concepts that use a term (0–1). */
  spread(term: string): number;
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
    const used = new Set<string>(
      terms([concept.title, ...concept.aliases, ...concept.searchPhrases].join(' ')),
    );
    for (const p of conceptPassages(concept)) {
      for (const term of terms(`${p.question} ${p.section} ${p.text}`)) used.add(term);
    }
    for (const term of used) conceptsUsing.set(term, (conceptsUsing.get(term) ?? 0) + 1);
  }
  const conceptCount = Math.max(1, library.concepts.length);
  return {
    spread: (term) => (conceptsUsing.get(term) ?? 0) / conceptCount,
  };
}
