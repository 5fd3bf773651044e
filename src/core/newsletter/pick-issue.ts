import { type Concept, DIFFICULTIES, type Library, type UseCase } from '../content/types.js';
import { TutorError } from '../errors.js';
import type { DigestPin } from './types.js';

/** The concept and use case of one issue. */
export interface IssueContent {
  concept: Concept;
  useCase: UseCase;
}

/** Earlier issues, oldest first. */
export type IssueHistory = ReadonlyArray<{ weekKey: string; conceptSlug: string; useCaseSlug: string }>;

/**
 * Picks what a week's issue teaches: a pinned concept or use case wins;
 * otherwise the next concept never sent, in curriculum order (beginner
 * first, then library order), with a linked use case never sent. Once every
 * concept went out, the one sent longest ago comes back. Deterministic for
 * the same inputs, so replicas racing to create an issue agree.
 */
export function pickIssueContent(
  library: Library,
  history: IssueHistory,
  pin: DigestPin | null,
): IssueContent {
  // Later entries overwrite earlier ones: each slug maps to the last week it went out.
  const conceptLastSent = new Map(history.map((h, i) => [h.conceptSlug, i] as const));
  const useCaseLastSent = new Map(history.map((h, i) => [h.useCaseSlug, i] as const));
  // -1 = never sent, which sorts before every real position.
  const age = (map: Map<string, number>, slug: string) => map.get(slug) ?? -1;
  const linked = (concept: Concept) => library.useCases.filter((u) => u.concepts.includes(concept.slug));
  const freshest = <T extends { slug: string }>(
    items: readonly T[],
    map: Map<string, number>,
  ): T | undefined => [...items].sort((a, b) => age(map, a.slug) - age(map, b.slug))[0];

  const pinnedConcept = pin?.conceptSlug ? library.conceptBySlug.get(pin.conceptSlug) : undefined;
  const pinnedUseCase = pin?.useCaseSlug ? library.useCaseBySlug.get(pin.useCaseSlug) : undefined;
  if (pin?.conceptSlug && !pinnedConcept)
    throw noContent(
      `the pinned concept "${pin.conceptSlug}" is not in the library; change the pin with tutor digest pin --week ${pin.weekKey}`,
    );
  if (pin?.useCaseSlug && !pinnedUseCase)
    throw noContent(
      `the pinned use case "${pin.useCaseSlug}" is not in the library; change the pin with tutor digest pin --week ${pin.weekKey}`,
    );

  const curriculum = [...library.concepts].sort(
    (a, b) => DIFFICULTIES.indexOf(a.difficulty) - DIFFICULTIES.indexOf(b.difficulty),
  );
  let concept = pinnedConcept;
  if (!concept) {
    const candidates = pinnedUseCase
      ? curriculum.filter((c) => pinnedUseCase.concepts.includes(c.slug))
      : curriculum.filter((c) => linked(c).length > 0);
    concept = freshest(candidates, conceptLastSent);
  }
  if (!concept)
    throw noContent(
      'no concept in the library has a use case linked to it; add `concepts: [slug]` to a use case',
    );
  const useCase = pinnedUseCase ?? freshest(linked(concept), useCaseLastSent);
  if (!useCase)
    throw noContent(
      `the concept "${concept.slug}" has no linked use case; pin one with tutor digest pin --use-case SLUG, or link a use case to it`,
    );
  return { concept, useCase };
}

function noContent(why: string): TutorError {
  return new TutorError('DIGEST_NO_CONTENT', `Cannot pick this week's digest: ${why}.`);
}
