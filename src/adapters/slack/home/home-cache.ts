import type { Concept } from '../../../core/content/types.js';
import type { Clock, SubscriptionState } from '../../../core/ports.js';
import type { PracticeSummary } from '../../../core/practice/practice-service.js';
import { createTtlMap, type TtlMap } from '../app/ttl-map.js';

/** Where the member's digest stands on the Home tab. */
export type DigestOnHome =
  | { kind: 'unavailable' }
  | { kind: 'no-email' }
  | { kind: 'unknown'; email: string }
  | { kind: SubscriptionState; email: string };

/** What one member's Home tab shows, as loaded. */
export interface HomeData {
  digest: DigestOnHome;
  weekConcept: Concept | null;
  /** The member's practice (items due, streak); null when it could not be loaded. */
  practice: PracticeSummary | null;
}

/**
 * Members' Home data by Slack user id, reused for a short while. Anything that
 * changes what a member's tab shows (a practice answer, "Quiz me on this
 * later", a subscribe button) deletes that member's entry, so the next open
 * is never stale.
 */
export type HomeCache = TtlMap<HomeData>;

/** A {@link HomeCache} on the given clock: every member's first open in `ttlMs` pays for the lookups. */
export function createHomeCache(options: { clock: Clock; ttlMs: number }): HomeCache {
  return createTtlMap<HomeData>({ ...options, maxEntries: 2000 });
}
