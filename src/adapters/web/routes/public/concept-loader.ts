import { slugProblem } from '../../../../core/content/slug.js';
import type { Concept, UseCase } from '../../../../core/content/types.js';
import type { WebDeps } from '../../web-deps.js';

/** One concept and the use cases that apply it. */
export interface ConceptData {
  concept: Concept;
  useCases: UseCase[];
}

/** The concept at `slug`, or null when there is none (or the slug is not a slug). */
export function loadConcept(deps: Pick<WebDeps, 'library'>, slug: string): ConceptData | null {
  const library = deps.library.current();
  const concept = slugProblem(slug) === null ? library.conceptBySlug.get(slug) : undefined;
  if (!concept) return null;
  return { concept, useCases: library.useCases.filter((u) => u.concepts.includes(concept.slug)) };
}
