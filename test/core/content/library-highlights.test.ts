import { describe, expect, it } from 'vitest';
import {
  beginnerConcepts,
  curriculum,
  recentlyUpdated,
  rotatingConcept,
} from '../../../src/core/content/library-highlights.js';
import type { Concept, Library } from '../../../src/core/content/types.js';

function concept(slug: string, difficulty: Concept['difficulty'], updated: string): Concept {
  return {
    slug,
    title: slug.toUpperCase(),
    aliases: [],
    searchPhrases: [],
    checkYourself: [],
    category: 'c',
    difficulty,
    summary: 's',
    updated,
    whatItIs: '',
    howItWorks: [],
    goodFit: [],
    badFit: [],
    examples: [],
    pitfalls: [],
    faq: [],
    body: '',
    file: `concepts/${slug}.md`,
  };
}

function library(concepts: Concept[]): Library {
  return {
    concepts,
    useCases: [],
    conceptBySlug: new Map(concepts.map((c) => [c.slug, c])),
    useCaseBySlug: new Map(),
    loadedAt: new Date(0),
  };
}

const lib = library([
  concept('agent', 'intermediate', '2026-12-08'),
  concept('token', 'beginner', '2026-11-01'),
  concept('tuning', 'advanced', '2026-12-03'),
  concept('window', 'beginner', '2026-12-10'),
  concept('rag', 'beginner', '2026-12-02'),
]);
const now = new Date('2026-12-10T15:00:00Z');

describe('library highlights', () => {
  it('orders the curriculum beginner first and keeps library order within a level', () => {
    expect(curriculum(lib).map((c) => c.slug)).toEqual(['token', 'window', 'rag', 'agent', 'tuning']);
    expect(beginnerConcepts(lib, 2).map((c) => c.slug)).toEqual(['token', 'window']);
  });

  it('calls new what its updated: date puts in the last seven days, newest first', () => {
    expect(recentlyUpdated(lib, now).map((c) => c.slug)).toEqual(['window', 'agent', 'tuning']);
    // The day seven days ago still counts; the one before does not.
    expect(recentlyUpdated(lib, new Date('2026-12-09T12:00:00Z'), 7).map((c) => c.slug)).toContain('rag');
    expect(recentlyUpdated(lib, new Date('2026-12-10T12:00:00Z'), 7).map((c) => c.slug)).not.toContain('rag');
    expect(recentlyUpdated(library([]), now)).toEqual([]);
  });

  it('rotates one concept a week through the curriculum, the same all week', () => {
    const monday = rotatingConcept(lib, new Date('2026-12-07T00:00:00Z'));
    const weekLater = rotatingConcept(lib, new Date('2026-12-14T00:00:00Z'));
    expect(rotatingConcept(lib, new Date('2026-12-13T23:59:00Z'))).toBe(monday);
    expect(weekLater).not.toBe(monday);
    expect(curriculum(lib)).toContain(monday);
    expect(rotatingConcept(library([]), now)).toBeNull();
  });
});
