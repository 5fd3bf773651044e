import { errorFields } from '../../core/errors.js';
import type { ServiceModule } from '../../service-module.js';

/** Chat platforms retry for minutes, not days; two days of keys is ample. */
const KEEP_MS = 2 * 24 * 60 * 60 * 1000;
const EVERY_MS = 6 * 60 * 60 * 1000;
/** A practice showing is answered within minutes; after 30 days a resubmit is simply "no longer open". */
const KEEP_SHOWN_MS = 30 * 24 * 60 * 60 * 1000;
/**
 * The first VACUUM waits this long after start, so a start (or a restart loop)
 * does not pay for it; the database stays fast enough without it for minutes.
 */
const FIRST_VACUUM_AFTER_MS = 10 * 60 * 1000;

/** Options of {@link createMaintenanceModule}; the defaults are the service's. */
export interface MaintenanceOptions {
  /** How often to prune and (on PGlite) vacuum. */
  everyMs?: number;
  /** Delay from start to the first vacuum. */
  firstVacuumAfterMs?: number;
}

/**
 * Deletes old chat-event dedupe keys (one row per answered message) and old
 * practice showings at start and every six hours, so the tables stay small;
 * on embedded PGlite, which has no autovacuum, it then vacuums and analyzes
 * the database (10 minutes after start, then every six hours). Running on
 * several replicas is harmless: the deletes are idempotent and PGlite has one.
 */
export function createMaintenanceModule(options: MaintenanceOptions = {}): ServiceModule {
  const everyMs = options.everyMs ?? EVERY_MS;
  const firstVacuumAfterMs = options.firstVacuumAfterMs ?? FIRST_VACUUM_AFTER_MS;
  return {
    name: 'maintenance',
    status: (container) =>
      container.database
        ? {
            on: true,
            detail:
              'prunes chat dedupe keys older than 2 days and practice showings older than 30 days every 6 h' +
              (container.database.kind === 'pglite' ? ', and vacuums the embedded database' : ''),
          }
        : { on: false, detail: 'no database' },
    async start({ container }) {
      const { logger, clock } = container;
      const database = container.database!;
      const prune = async () => {
        try {
          const removed = await database.eventDeduper.prune(new Date(clock.now().getTime() - KEEP_MS));
          if (removed > 0) logger.info('pruned old chat dedupe keys', { removed });
        } catch (error) {
          logger.error('pruning chat dedupe keys failed', errorFields(error));
        }
        try {
          const removed = await database.practiceStore.pruneShown(
            new Date(clock.now().getTime() - KEEP_SHOWN_MS),
          );
          if (removed > 0) logger.info('pruned old practice showings', { removed });
        } catch (error) {
          logger.error('pruning practice showings failed', errorFields(error));
        }
      };
      let stopped = false;
      // Stop waits for a vacuum under way, so the database is never closed in the middle of one.
      let vacuuming: Promise<void> | null = null;
      const vacuum = () => {
        if (stopped || vacuuming) return vacuuming;
        const started = Date.now();
        vacuuming = database
          .maintain()
          .then(
            (ran) => {
              if (ran)
                logger.info('vacuumed and analyzed the embedded database', { ms: Date.now() - started });
            },
            (error) => logger.error('vacuuming the embedded database failed', errorFields(error)),
          )
          .finally(() => {
            vacuuming = null;
          });
        return vacuuming;
      };
      await prune();
      const timer = setInterval(() => void prune().then(vacuum), everyMs);
      timer.unref();
      const first = setTimeout(() => void vacuum(), firstVacuumAfterMs);
      first.unref();
      return {
        stop: async () => {
          stopped = true;
          clearInterval(timer);
          clearTimeout(first);
          await vacuuming;
        },
      };
    },
  };
}

/** The maintenance module with the service's schedule. */
export const pruneEventsModule: ServiceModule = createMaintenanceModule();
