import { beforeAll, describe, expect, it } from 'vitest';
import type { Concept, Library } from '../../../src/core/content/types.js';
import {
  type ConceptCandidate,
  deliveryConceptFor,
  trackAhead,
  trackOrder,
} from '../../../src/core/newsletter/welcome-track.js';
import { libraryOf } from './support/library.js';

const at = (day: number) => new Date(Date.UTC(2026, 10, day, 9));

describe('the welcome track', () => {
  let library: Library;
  let track: Concept[];
  const concept = (slug: string) => library.conceptBySlug.get(slug)!;
  const candidate = (over: Partial<ConceptCandidate>): ConceptCandidate => ({
    subscriberId: 's1',
    level: 'all',
    trackSince: null,
    taken: [],
    ...over,
  });
  // The weekly issue taught a, b, c on days 3, 10 and 17.
  const earlierIssues = [
    { conceptSlug: 'adv-a', snapshotAt: at(3) },
    { conceptSlug: 'easy-b', snapshotAt: at(10) },
    { conceptSlug: 'mid-c', snapshotAt: at(17) },
  ];

  beforeAll(async () => {
    library = await libraryOf(
      [
        { slug: 'adv-a', difficulty: 'advanced' },
        { slug: 'easy-b' },
        { slug: 'mid-c', difficulty: 'intermediate' },
        { slug: 'easy-d' },
        { slug: 'mid-e', difficulty: 'intermediate' },
      ],
      [{ slug: 'u', concepts: ['adv-a', 'easy-b', 'mid-c', 'easy-d', 'mid-e'] }],
    );
    track = trackOrder(library);
  });

  it('orders the library beginner first, then by library order within a level', () => {
    expect(track.map((c) => c.slug)).toEqual(['easy-b', 'easy-d', 'mid-c', 'mid-e', 'adv-a']);
  });

  it('gives a new subscriber the backlog, taught before they joined, in track order, then the issue', () => {
    const joined = candidate({ trackSince: at(18) });
    const pick = (taken: string[]) =>
      deliveryConceptFor({
        track,
        issueConcept: concept('easy-d'),
        candidate: { ...joined, taken },
        earlierIssues,
      });
    expect(pick([])).toEqual({ kind: 'other', conceptSlug: 'easy-b', why: 'track' });
    expect(pick(['easy-b'])).toEqual({ kind: 'other', conceptSlug: 'mid-c', why: 'track' });
    expect(pick(['easy-b', 'mid-c'])).toEqual({ kind: 'other', conceptSlug: 'adv-a', why: 'track' });
    // Caught up: the week's concept, which is not on their backlog.
    expect(pick(['easy-b', 'mid-c', 'adv-a'])).toEqual({ kind: 'issue' });
    expect(trackAhead({ track, candidate: { ...joined, taken: ['easy-b'] }, earlierIssues })).toMatchObject({
      length: 3,
      ahead: [concept('mid-c'), concept('adv-a')],
    });
  });

  it('counts only issues snapshotted before they joined as backlog', () => {
    const joined = candidate({ trackSince: at(12) });
    expect(trackAhead({ track, candidate: joined, earlierIssues }).ahead.map((c) => c.slug)).toEqual([
      'easy-b',
      'adv-a',
    ]);
  });

  it('marks a track step that is the issue concept itself as the issue copy', () => {
    const joined = candidate({ trackSince: at(18) });
    expect(
      deliveryConceptFor({ track, issueConcept: concept('easy-b'), candidate: joined, earlierIssues }),
    ).toEqual({
      kind: 'issue',
    });
  });

  it('gives someone who already had the issue concept the first concept they never had, or the issue again once they had everything', () => {
    const regular = candidate({ taken: ['easy-d', 'easy-b'] });
    expect(
      deliveryConceptFor({ track, issueConcept: concept('easy-d'), candidate: regular, earlierIssues }),
    ).toEqual({
      kind: 'other',
      conceptSlug: 'mid-c',
      why: 'already-had',
    });
    const everything = candidate({ taken: track.map((c) => c.slug) });
    expect(
      deliveryConceptFor({ track, issueConcept: concept('easy-d'), candidate: everything, earlierIssues }),
    ).toEqual({ kind: 'issue' });
  });

  it('keeps a beginner-only track to beginner concepts, and sends no copy of a harder issue once caught up', () => {
    const beginner = candidate({ level: 'beginner', trackSince: at(18) });
    expect(trackAhead({ track, candidate: beginner, earlierIssues }).ahead.map((c) => c.slug)).toEqual([
      'easy-b',
    ]);
    expect(
      deliveryConceptFor({ track, issueConcept: concept('mid-e'), candidate: beginner, earlierIssues }),
    ).toEqual({
      kind: 'other',
      conceptSlug: 'easy-b',
      why: 'track',
    });
    const caughtUp = { ...beginner, taken: ['easy-b'] };
    expect(
      deliveryConceptFor({ track, issueConcept: concept('mid-e'), candidate: caughtUp, earlierIssues }),
    ).toMatchObject({
      kind: 'none',
    });
    // A beginner issue they already had, with every beginner concept had: the issue again, never a harder concept.
    const hadD = { ...caughtUp, taken: ['easy-b', 'easy-d'] };
    expect(
      deliveryConceptFor({ track, issueConcept: concept('easy-d'), candidate: hadD, earlierIssues }),
    ).toEqual({
      kind: 'issue',
    });
  });

  it('leaves subscribers who never joined the track (imports, earlier subscribers) on the weekly issue', () => {
    expect(
      deliveryConceptFor({ track, issueConcept: concept('mid-e'), candidate: candidate({}), earlierIssues }),
    ).toEqual({ kind: 'issue' });
  });
});
