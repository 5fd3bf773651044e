import { type Concept, DIFFICULTIES, type Library } from './types.js';

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

/** The library in teaching order: beginner first, then intermediate, then advanced, each in library order. */
export function curriculum(library: Library): Concept[] {
  return [...library.concepts].sort(
    (a, b) => DIFFICULTIES.indexOf(a.difficulty) - DIFFICULTIES.indexOf(b.difficulty),
  );
}

/** The first `limit` beginner concepts, in library order: where a newcomer starts. */
export function beginnerConcepts(library: Library, limit: number): Concept[] {
  return library.concepts.filter((c) => c.difficulty === 'beginner').slice(0, limit);
}

/**
 * Concepts written or revised in the last `days` days, newest first, read
 * from each article's `updated:` date (a calendar day, taken as UTC). A date
 * in the future counts as today, so a typo cannot pin an article as new.
 */
export function recentlyUpdated(library: Library, now: Date, days = 7): Concept[] {
  const since = now.getTime() - days * DAY_MS;
  return library.concepts
    .map((concept) => ({ concept, at: Date.parse(`${concept.updated}T00:00:00Z`) }))
    .filter(({ at }) => Number.isFinite(at) && at + DAY_MS > since)
    .sort((a, b) => b.at - a.at || a.concept.title.localeCompare(b.concept.title))
    .map(({ concept }) => concept);
}

/**
 * A concept of the week when no digest decides it: the curriculum in turn,
 * one a week (weeks starting Monday 00:00 UTC), so every surface and
 * replica shows the same one all week. Null for an empty library.
 */
export function rotatingConcept(library: Library, now: Date): Concept | null {
  const ordered = curriculum(library);
  if (ordered.length === 0) return null;
  // 1970-01-05 was the first Monday after the epoch.
  const week = Math.floor((now.getTime() - 4 * DAY_MS) / WEEK_MS);
  return ordered[week % ordered.length] ?? null;
}
