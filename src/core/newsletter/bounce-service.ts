import type { Clock, Logger } from '../ports.js';
import type {
  BounceEvent,
  BounceOutcome,
  SoftBouncePolicy,
  Suppression,
  SuppressionStore,
} from './bounce-events.js';
import { type BounceImportRecord, type BounceImportReport, importBounceRecords } from './bounce-import.js';

/** Dependencies of {@link createBounceService}. */
export interface BounceServiceDeps {
  store: SuppressionStore;
  clock: Clock;
  policy: SoftBouncePolicy;
  logger: Logger;
}

/** Counts of what a batch of events did. */
export type BounceCounts = Record<BounceOutcome, number>;

/** Bounces and complaints: what the webhook route and `tutor bounces import` call. */
export type BounceService = ReturnType<typeof createBounceService>;

/**
 * Turns verified provider events into suppressions. Each event is recorded
 * once (the store keys it on the provider's event id), so a provider's retry
 * or a replayed request changes nothing; logs never name an address.
 */
export function createBounceService(deps: BounceServiceDeps) {
  const { store, clock, policy, logger } = deps;

  const record = async (events: readonly BounceEvent[]): Promise<BounceCounts> => {
    const counts: BounceCounts = { duplicate: 0, recorded: 0, suppressed: 0, 'already-suppressed': 0 };
    for (const event of events) {
      const outcome = await store.record(event, { now: clock.now(), policy });
      counts[outcome]++;
      if (outcome === 'suppressed')
        logger.info('address suppressed', { provider: event.provider, kind: event.kind });
    }
    return counts;
  };

  return {
    record,

    /** Whether an address must not be emailed. */
    isSuppressed: (email: string): Promise<boolean> => store.isSuppressed(email),

    /** The suppression list for the admin console, newest first, and its size. */
    async suppressions(limit: number): Promise<{ total: number; recent: Suppression[] }> {
      const [total, recent] = await Promise.all([store.count(), store.list({ limit })]);
      return { total, recent };
    },

    /**
     * Reads a provider's CSV export (see bounce-import.ts for the formats).
     * Every row is checked first; a bad row stops the import before anything
     * is recorded, naming its line and column. With `dryRun` nothing is recorded.
     */
    async importCsv(input: {
      records: AsyncIterable<BounceImportRecord>;
      format: string;
      name: string;
      dryRun: boolean;
    }): Promise<BounceImportReport & { outcomes: BounceCounts | null }> {
      const report = await importBounceRecords(input);
      if (input.dryRun) return { ...report, outcomes: null };
      return { ...report, outcomes: await record(report.events) };
    },
  };
}
