import { errorFields } from '../../core/errors.js';
import type { ServiceModule } from '../../service-module.js';

/** Chat platforms retry for minutes, not days; two days of keys is ample. */
const KEEP_MS = 2 * 24 * 60 * 60 * 1000;
const EVERY_MS = 6 * 60 * 60 * 1000;
/** A practice showing is answered within minutes; after 30 days a resubmit is simply "no longer open". */
const KEEP_SHOWN_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * Deletes old chat-event dedupe keys (one row per answered message), at
 * start and every six hours, so the table stays small. Running on several
 * replicas is harmless: the delete is idempotent.
 */
export const pruneEventsModule: ServiceModule = {
  name: 'maintenance',
  status: (container) =>
    container.database
      ? {
          on: true,
          detail:
            'prunes chat dedupe keys older than 2 days and practice showings older than 30 days every 6 h',
        }
      : { on: false, detail: 'no database' },
  async start({ container }) {
    const { database, logger, clock } = container;
    const prune = async () => {
      try {
        const removed = await database!.eventDeduper.prune(new Date(clock.now().getTime() - KEEP_MS));
        if (removed > 0) logger.info('pruned old chat dedupe keys', { removed });
      } catch (error) {
        logger.error('pruning chat dedupe keys failed', errorFields(error));
      }
      try {
        const removed = await database!.practiceStore.pruneShown(
          new Date(clock.now().getTime() - KEEP_SHOWN_MS),
        );
        if (removed > 0) logger.info('pruned old practice showings', { removed });
      } catch (error) {
        logger.error('pruning practice showings failed', errorFields(error));
      }
    };
    await prune();
    const timer = setInterval(() => void prune(), EVERY_MS);
    timer.unref();
    return { stop: async () => clearInterval(timer) };
  },
};
