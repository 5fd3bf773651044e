import type { Library } from '../content/types.js';
import { libraryPassages } from './passages.js';
import { termSequence } from './terms.js';

/** What the coverage decision needs to know about how the library uses a word. */
export interface ConceptStatistics {
  /** Share of the library's concepts that use a term (0–1). */
  spread(term: string): number;
}

/** Counts, for each term, the concepts that use it. */
export function createConceptStatistics(library: Library): ConceptStatistics {
  const conceptsUsing = new Map<string, Set<string>>();
  for (const p of libraryPassages(library)) {
    for (const term of termSequence(`${p.title} ${p.aliases} ${p.question} ${p.section} ${p.text}`)) {
      const slugs = conceptsUsing.get(term) ?? new Set<string>();
      slugs.add(p.slug);
      conceptsUsing.set(term, slugs);
    }
  }
  const conceptCount = Math.max(1, library.concepts.length);
  return {
    spread: (term) => (conceptsUsing.get(term)?.size ?? 0) / conceptCount,
  };
}
