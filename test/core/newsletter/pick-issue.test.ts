import { describe, expect, it } from 'vitest';
import { pickIssueContent } from '../../../src/core/newsletter/pick-issue.js';
import { libraryOf } from './support/library.js';

const library = await libraryOf(
  [
    { slug: 'agents', difficulty: 'advanced' },
    { slug: 'tokens', difficulty: 'beginner' },
    { slug: 'orphan', difficulty: 'beginner' },
    { slug: 'rag', difficulty: 'intermediate' },
  ],
  [
    { slug: 'bill-forecast', concepts: ['tokens'] },
    { slug: 'chat-budget', concepts: ['tokens', 'rag'] },
    { slug: 'wiki-search', concepts: ['rag'] },
    { slug: 'upgrade-bot', concepts: ['agents'] },
  ],
);
const sent = (...pairs: Array<[string, string]>) =>
  pairs.map(([conceptSlug, useCaseSlug], i) => ({
    weekKey: `2026-W${String(10 + i)}`,
    conceptSlug,
    useCaseSlug,
  }));
const pick = (history = sent(), pin: Parameters<typeof pickIssueContent>[2] = null) => {
  const { concept, useCase } = pickIssueContent(library, history, pin);
  return [concept.slug, useCase.slug];
};

describe('pickIssueContent', () => {
  it('starts with the beginner concept that has a use case, skipping concepts without one', () => {
    expect(pick()).toEqual(['tokens', 'bill-forecast']);
  });

  it('moves on to the next concept not yet sent, and to a use case not yet used', () => {
    // Neither of rag's use cases went out yet: library order breaks the tie.
    expect(pick(sent(['tokens', 'bill-forecast']))).toEqual(['rag', 'chat-budget']);
    expect(pick(sent(['tokens', 'chat-budget']))).toEqual(['rag', 'wiki-search']);
    expect(pick(sent(['tokens', 'bill-forecast'], ['rag', 'wiki-search']))).toEqual([
      'agents',
      'upgrade-bot',
    ]);
  });

  it('after every concept went out, brings back the one sent longest ago with its least recently used use case', () => {
    const all = sent(['tokens', 'bill-forecast'], ['rag', 'wiki-search'], ['agents', 'upgrade-bot']);
    expect(pick(all)).toEqual(['tokens', 'chat-budget']);
  });

  it('honours a pinned concept, a pinned use case, or both', () => {
    expect(pick(sent(), { weekKey: '2026-W48', conceptSlug: 'agents', useCaseSlug: null })).toEqual([
      'agents',
      'upgrade-bot',
    ]);
    expect(
      pick(sent(['tokens', 'bill-forecast']), {
        weekKey: '2026-W48',
        conceptSlug: null,
        useCaseSlug: 'chat-budget',
      }),
    ).toEqual(['rag', 'chat-budget']);
    expect(pick(sent(), { weekKey: '2026-W48', conceptSlug: 'orphan', useCaseSlug: 'wiki-search' })).toEqual([
      'orphan',
      'wiki-search',
    ]);
  });

  it('explains what to fix when a pin or the library cannot produce an issue', () => {
    expect(() => pick(sent(), { weekKey: '2026-W48', conceptSlug: 'gone', useCaseSlug: null })).toThrow(
      'Cannot pick this week\'s digest: the pinned concept "gone" is not in the library; change the pin with tutor digest pin --week 2026-W48.',
    );
    expect(() => pick(sent(), { weekKey: '2026-W48', conceptSlug: 'orphan', useCaseSlug: null })).toThrow(
      /"orphan" has no linked use case; pin one/,
    );
  });

  it('is deterministic, so racing replicas pick the same content', () => {
    const history = sent(['tokens', 'bill-forecast']);
    expect(pick(history)).toEqual(pick(history));
  });
});
