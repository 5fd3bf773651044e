import { errorFields } from '../errors.js';
import type { EventDeduper, Logger } from '../ports.js';

/** Keys this process remembers for outages: chat platforms retry within minutes, so the newest few thousand do. */
const LOCAL_KEYS = 5000;

/**
 * A deduper that keeps working while its store is down: when the shared
 * claim fails (the database is unreachable), this process's own memory
 * decides instead. A message is then still answered, or apologised for,
 * once per process rather than dropped in silence; across replicas it may
 * be answered twice, which is the lesser harm.
 */
export function withLocalFallback(primary: EventDeduper, logger: Logger): EventDeduper {
  const local = new Set<string>();
  const remember = (key: string): boolean => {
    if (local.has(key)) return false;
    local.add(key);
    // A Set iterates in insertion order: the first key is the oldest.
    if (local.size > LOCAL_KEYS) local.delete(local.values().next().value as string);
    return true;
  };
  return {
    async claim(key) {
      try {
        const claimed = await primary.claim(key);
        // Remembered here too, so a retry that arrives during a later outage is still recognised.
        if (claimed) remember(key);
        return claimed;
      } catch (error) {
        logger.warn('could not claim a chat event in the database; deduplicating in this process only', {
          ...errorFields(error),
        });
        return remember(key);
      }
    },
  };
}
