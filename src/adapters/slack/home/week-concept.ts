import { rotatingConcept } from '../../../core/content/library-highlights.js';
import type { Concept, Library } from '../../../core/content/types.js';
import { errorFields } from '../../../core/errors.js';
import type { Clock, Logger } from '../../../core/ports.js';
import { createTtlMap } from '../app/ttl-map.js';

/** Options of {@link createWeekConcept}. */
export interface WeekConceptOptions {
  /** This week's digest concept (its issue, or what the issue would teach); absent without a newsletter. */
  digestConcept?: (() => Promise<Concept>) | undefined;
  library: () => Library;
  clock: Clock;
  /** How long the answer is reused; every member's Home tab asks. */
  ttlMs: number;
  logger: Logger;
}

/**
 * This week's concept for the Home tab: the digest's, so the tab and the
 * email agree; without a newsletter, or when the digest cannot pick one
 * (no use case linked yet), the curriculum's concept of the week.
 */
export function createWeekConcept(options: WeekConceptOptions): () => Promise<Concept | null> {
  const cache = createTtlMap<Concept | null>({ ttlMs: options.ttlMs, clock: options.clock, maxEntries: 1 });
  return async () => {
    const cached = cache.get('week');
    if (cached !== undefined) return cached;
    let concept: Concept | null = null;
    if (options.digestConcept) {
      try {
        concept = await options.digestConcept();
      } catch (error) {
        options.logger.debug(
          "could not read this week's digest concept; using the curriculum's",
          errorFields(error),
        );
      }
    }
    concept ??= rotatingConcept(options.library(), options.clock.now());
    cache.set('week', concept);
    return concept;
  };
}
