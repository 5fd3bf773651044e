import type { Concept, Library } from '../../../../core/content/types.js';

const DIFFICULTY_ORDER = { beginner: 0, intermediate: 1, advanced: 2 } as const;

/** What the home page shows. */
export interface HomeData {
  conceptCount: number;
  /** Concepts by category, categories and concepts in a stable, readable order. */
  categories: Array<{ category: string; concepts: Concept[] }>;
  useCaseCount: number;
  newsletterOn: boolean;
}

/** Reads the home page's data from `library`. */
export function loadHome(library: Library, newsletterOn: boolean): HomeData {
  const groups = new Map<string, Concept[]>();
  for (const concept of library.concepts) {
    const list = groups.get(concept.category);
    if (list) list.push(concept);
    else groups.set(concept.category, [concept]);
  }
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
    newsletterOn,
  };
}
