import { slugProblem } from '../../../../core/content/slug.js';
import type { Concept, UseCase } from '../../../../core/content/types.js';
import type { WebDeps } from '../../web-deps.js';

/** Every use case, by title. */
export function loadUseCases(deps: Pick<WebDeps, 'library'>): UseCase[] {
  return [...deps.library.current().useCases].sort((a, b) => a.title.localeCompare(b.title));
}

/** One use case and the concepts it uses. */
export interface UseCaseData {
  useCase: UseCase;
  concepts: Concept[];
}

/** The use case at `slug`, or null when there is none. */
export function loadUseCase(deps: Pick<WebDeps, 'library'>, slug: string): UseCaseData | null {
  const library = deps.library.current();
  const useCase = slugProblem(slug) === null ? library.useCaseBySlug.get(slug) : undefined;
  if (!useCase) return null;
  return { useCase, concepts: useCase.concepts.flatMap((s) => library.conceptBySlug.get(s) ?? []) };
}
