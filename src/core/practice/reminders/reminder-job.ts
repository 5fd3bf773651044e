import type { Library } from '../../content/types.js';
import { errorFields } from '../../errors.js';
import type { Clock, Logger } from '../../ports.js';
import { practiceItems } from '../practice-items.js';
import { localClock } from './local-clock.js';
import type { ReminderOutcome, ReminderStore } from './reminder-store.js';
import type { PendingReminder, ReminderPlatform, ReminderSender } from './types.js';

/** What one run did, for logs and tests. */
export interface ReminderRunSummary {
  optedIn: number;
  /** Opted-in learners whose time has come today. */
  eligible: number;
  /** Of those, not yet reminded today and with items due. */
  pending: number;
  /** Claimed by this run (the rest went to another replica). */
  claimed: number;
  sent: number;
  failed: number;
}

/** Dependencies of {@link createReminderJob}. */
export interface ReminderJobDeps {
  store: ReminderStore;
  /** One sender per platform that is connected; opt-ins on other platforms wait. */
  senders: Partial<Record<ReminderPlatform, ReminderSender>>;
  clock: Clock;
  library: () => Library;
  /** Names this process in claims (host and pid). */
  worker: string;
  logger: Logger;
  /** Claims (and recorded outcomes) per statement (default 50): also the most a crash mid-batch can lose. */
  batchSize?: number;
  /** DMs in flight at once (default 4: chat APIs rate-limit DMs). */
  concurrency?: number;
}

/**
 * The daily review reminder, idempotent so any replica may run it at any
 * time: for each opt-in whose local time has passed today (and whose start
 * date has come), with items due and no claim for this learner and local
 * date, claim the pair in the database, then DM. A reminder is only ever for
 * the learner's current local date, so a late run catches up the same day and
 * never sends yesterday's. Claim before send: a crash between them loses that
 * day's reminder rather than sending it twice (docs/decisions/010).
 */
export function createReminderJob(deps: ReminderJobDeps) {
  const batchSize = deps.batchSize ?? 50;
  const concurrency = deps.concurrency ?? 4;
  const platforms = (Object.keys(deps.senders) as ReminderPlatform[]).filter((p) => deps.senders[p]);

  async function deliver(reminder: PendingReminder): Promise<ReminderOutcome> {
    const { optIn, localDate } = reminder;
    let result: Awaited<ReturnType<ReminderSender['send']>>;
    try {
      result = await deps.senders[optIn.platform]!.send(optIn, reminder.due);
    } catch (error) {
      result = { ok: false, permanent: false, error: errorFields(error).error };
    }
    if (result.ok) return { learner: optIn.learner, localDate, outcome: { status: 'sent' } };
    deps.logger.warn('review reminder not delivered', {
      platform: optIn.platform,
      permanent: result.permanent,
      error: result.error,
    });
    return {
      learner: optIn.learner,
      localDate,
      outcome: { status: 'failed', permanent: result.permanent, error: result.error },
    };
  }

  return {
    /** One pass; `signal` stops it between DMs. */
    async run(options: { signal?: AbortSignal } = {}): Promise<ReminderRunSummary> {
      const summary: ReminderRunSummary = {
        optedIn: 0,
        eligible: 0,
        pending: 0,
        claimed: 0,
        sent: 0,
        failed: 0,
      };
      if (platforms.length === 0) return summary;
      const now = deps.clock.now();
      const optIns = await deps.store.optIns(platforms);
      summary.optedIn = optIns.length;
      const candidates = [];
      for (const optIn of optIns) {
        const local = localClock(now, optIn.zone);
        if (local.date >= optIn.startsOn && local.minutes >= optIn.minutes)
          candidates.push({ optIn, localDate: local.date });
      }
      summary.eligible = candidates.length;
      if (candidates.length === 0) return summary;
      const itemIds = practiceItems(deps.library()).map((item) => item.id);
      const pending = await deps.store.pending(candidates, itemIds, now);
      summary.pending = pending.length;
      for (let start = 0; start < pending.length; start += batchSize) {
        if (options.signal?.aborted) break;
        const batch = pending.slice(start, start + batchSize);
        const claimed = await deps.store.claim(
          batch.map((p) => ({ learner: p.optIn.learner, localDate: p.localDate })),
          deps.worker,
          deps.clock.now(),
        );
        const mine = batch.filter((p) => claimed.has(p.optIn.learner));
        summary.claimed += mine.length;
        const outcomes: ReminderOutcome[] = [];
        let next = 0;
        const lanes = Array.from({ length: Math.min(concurrency, mine.length) }, async () => {
          while (next < mine.length) {
            const reminder = mine[next++]!;
            if (options.signal?.aborted) {
              // Claimed but never sent: released as a passing failure, so the next run (any replica) sends it.
              outcomes.push({
                learner: reminder.optIn.learner,
                localDate: reminder.localDate,
                outcome: { status: 'failed', permanent: false, error: 'stopped before sending' },
              });
              continue;
            }
            const outcome = await deliver(reminder);
            outcomes.push(outcome);
            if (outcome.outcome.status === 'sent') summary.sent += 1;
            else summary.failed += 1;
          }
        });
        await Promise.all(lanes);
        // One statement per batch; a crash before it leaves the batch `sending`, which is never sent again.
        await deps.store.record(outcomes, deps.clock.now());
      }
      return summary;
    },
  };
}

/** The reminder job's interface. */
export type ReminderJob = ReturnType<typeof createReminderJob>;
