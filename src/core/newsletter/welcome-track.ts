import { type Concept, DIFFICULTIES, type Library } from '../content/types.js';
import type { SubscriberPreferences } from './types.js';

/**
 * The path a new subscriber takes through the library: the concepts an
 * editor listed in content/track.md, in that order, then the rest beginner
 * first (beginner, intermediate, advanced, each in library order), which is
 * the order the weekly issue picks new concepts in (pick-issue.ts).
 */
export function trackOrder(library: Pick<Library, 'concepts' | 'conceptBySlug' | 'track'>): Concept[] {
  const listed = (library.track ?? []).flatMap((slug) => library.conceptBySlug.get(slug) ?? []);
  const onList = new Set(listed.map((c) => c.slug));
  const rest = library.concepts
    .filter((c) => !onList.has(c.slug))
    .sort((a, b) => DIFFICULTIES.indexOf(a.difficulty) - DIFFICULTIES.indexOf(b.difficulty));
  return [...listed, ...rest];
}

/** A snapshotted subscriber whose copy may teach another concept than the issue's. */
export interface ConceptCandidate {
  subscriberId: string;
  level: SubscriberPreferences['level'];
  /** When they joined the welcome track (their confirmation); null when they never did (imports, subscribers from before it). */
  trackSince: Date | null;
  /** Concepts of their other deliveries that went out or are on the way (not failed): what they have "received". */
  taken: readonly string[];
}

/** An issue that went out before, with the moment its recipients were fixed. */
export interface EarlierIssue {
  conceptSlug: string;
  snapshotAt: Date | null;
}

/** What one candidate's copy teaches: the issue's concept (null), another concept, or no copy at all. */
export type DeliveryConcept =
  | { kind: 'issue' }
  | { kind: 'other'; conceptSlug: string; why: 'track' | 'already-had' }
  | { kind: 'none'; why: string };

/** The track concepts still ahead of a subscriber on the welcome track, in track order. */
export function trackAhead(input: {
  track: readonly Concept[];
  candidate: ConceptCandidate;
  earlierIssues: readonly EarlierIssue[];
}): { length: number; ahead: Concept[] } {
  const { candidate } = input;
  const since = candidate.trackSince;
  if (!since) return { length: 0, ahead: [] };
  // The backlog: what the weekly issue taught before they joined. Issues since then are theirs anyway.
  const backlog = new Set(
    input.earlierIssues.filter((i) => i.snapshotAt && i.snapshotAt < since).map((i) => i.conceptSlug),
  );
  const taken = new Set(candidate.taken);
  const path = input.track.filter((c) => backlog.has(c.slug) && allowed(candidate.level, c));
  return { length: path.length, ahead: path.filter((c) => !taken.has(c.slug)) };
}

/**
 * Chooses what one subscriber's copy of an issue teaches (decision 013):
 * 1. on the welcome track, with backlog concepts (taught before they joined)
 *    they have not received: the first of those, in track order;
 * 2. otherwise the issue's concept, unless they already received it (or
 *    their level excludes it): then the first concept in track order they
 *    have not received;
 * 3. a subscriber who has received every concept open to them gets the
 *    issue's concept again (the weekly rotation repeats, as before the
 *    track), or no copy when their level excludes it.
 * Pure and deterministic, so replicas and retries agree.
 */
export function deliveryConceptFor(input: {
  track: readonly Concept[];
  issueConcept: Concept;
  candidate: ConceptCandidate;
  earlierIssues: readonly EarlierIssue[];
}): DeliveryConcept {
  const { track, issueConcept, candidate } = input;
  const next = trackAhead(input).ahead[0];
  if (next) {
    return next.slug === issueConcept.slug
      ? { kind: 'issue' }
      : { kind: 'other', conceptSlug: next.slug, why: 'track' };
  }
  const taken = new Set(candidate.taken);
  const issueOpen = allowed(candidate.level, issueConcept);
  if (issueOpen && !taken.has(issueConcept.slug)) return { kind: 'issue' };
  if (!issueOpen)
    return { kind: 'none', why: 'the issue is not a beginner concept and they chose beginner only' };
  const fresh = track.find((c) => allowed(candidate.level, c) && !taken.has(c.slug));
  if (fresh) return { kind: 'other', conceptSlug: fresh.slug, why: 'already-had' };
  return { kind: 'issue' };
}

function allowed(level: SubscriberPreferences['level'], concept: Concept): boolean {
  return level === 'all' || concept.difficulty === 'beginner';
}
