import type { Library } from '../content/types.js';
import type { PracticeItem } from './types.js';

const RANK = { beginner: 0, intermediate: 1, advanced: 2 } as const;

/**
 * Every practice item in the order new items are introduced: beginner
 * concepts first, then intermediate, then advanced, then use cases; within a
 * level, round-robin over the concepts in library order (each concept's first
 * item, then each one's second, …), so even new material comes interleaved.
 */
export function practiceItems(library: Library): PracticeItem[] {
  const groups: PracticeItem[][][] = [[], [], [], []];
  for (const concept of library.concepts) {
    groups[RANK[concept.difficulty]]!.push(
      concept.checkYourself.map((item) => ({
        ...item,
        slug: concept.slug,
        title: concept.title,
        kind: 'concept',
      })),
    );
  }
  for (const useCase of library.useCases) {
    groups[3]!.push(
      useCase.checkYourself.map((item) => ({
        ...item,
        slug: useCase.slug,
        title: useCase.title,
        kind: 'use-case',
      })),
    );
  }
  return groups.flatMap(roundRobin);
}

function roundRobin(lists: PracticeItem[][]): PracticeItem[] {
  const out: PracticeItem[] = [];
  const longest = Math.max(0, ...lists.map((l) => l.length));
  for (let i = 0; i < longest; i++) for (const list of lists) if (list[i]) out.push(list[i]!);
  return out;
}
