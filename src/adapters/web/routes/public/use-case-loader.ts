import { slugProblem } from '../../../../core/content/slug.js';
import type { Concept, Library, UseCase } from '../../../../core/content/types.js';

/** Every use case in `library`, by title. */
export function loadUseCases(library: Library): UseCase[] {
  return [...library.useCases].sort((a, b) => a.title.localeCompare(b.title));
}

/** One use case and the concepts it uses. */
export interface UseCaseData {
  useCase: UseCase;
  concepts: Concept[];
}

/** The use case at `slug` in `library`, or null when there is none. */
export function loadUseCase(library: Library, slug: string): UseCaseData | null {
  const useCase = slugProblem(slug) === null ? library.useCaseBySlug.get(slug) : undefined;
  if (!useCase) return null;
  return { useCase, concepts: useCase.concepts.flatMap((s) => library.conceptBySlug.get(s) ?? []) };
}
