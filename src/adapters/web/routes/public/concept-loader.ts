import { slugProblem } from '../../../../core/content/slug.js';
import type { Concept, Library, UseCase } from '../../../../core/content/types.js';

/** One concept and the use cases that apply it. */
export interface ConceptData {
  concept: Concept;
  useCases: UseCase[];
}

/** The concept at `slug` in `library`, or null when there is none (or the slug is not a slug). */
export function loadConcept(library: Library, slug: string): ConceptData | null {
  const concept = slugProblem(slug) === null ? library.conceptBySlug.get(slug) : undefined;
  if (!concept) return null;
  return { concept, useCases: library.useCases.filter((u) => u.concepts.includes(concept.slug)) };
}
