import type { Concept } from '../../../../core/content/types.js';
import type { WebDeps } from '../../web-deps.js';

const DIFFICULTY_ORDER = { beginner: 0, intermediate: 1, advanced: 2 } as const;

/** What the home page shows. */
export interface HomeData {
  conceptCount: number;
  /** Concepts by category, categories and concepts in a stable, readable order. */
  categories: Array<{ category: string; concepts: Concept[] }>;
  useCaseCount: number;
  newsletterOn: boolean;
}

/** Reads the home page's data from the live library. */
export function loadHome(deps: Pick<WebDeps, 'library' | 'newsletter'>): HomeData {
  const library = deps.library.current();
  const groups = new Map<string, Concept[]>();
  for (const concept of library.concepts)
    groups.set(concept.category, [...(groups.get(concept.category) ?? []), concept]);
  const categories = [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([category, list]) => ({
      category,
      concepts: list.sort(
        (a, b) =>
          DIFFICULTY_ORDER[a.difficulty] - DIFFICULTY_ORDER[b.difficulty] || a.title.localeCompare(b.title),
      ),
    }));
  return {
    conceptCount: library.concepts.length,
    categories,
    useCaseCount: library.useCases.length,
    newsletterOn: deps.newsletter !== null,
  };
}
