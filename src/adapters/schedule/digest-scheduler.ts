import { type ScheduledTask, schedule } from 'node-cron';
import type { InFlight } from '../../core/chat/in-flight.js';
import { errorFields } from '../../core/errors.js';
import type { Clock, Logger } from '../../core/ports.js';
import type { NewsletterRuntime } from '../../wiring/newsletter.js';
import { lastOccurrence } from './last-occurrence.js';
import { nextOccurrence } from './next-occurrence.js';

/** How far ahead of DIGEST_TZ a subscriber's local send time can be: UTC+14 against a DIGEST_TZ of UTC−12. */
const MAX_LEAD_MS = 26 * 3_600_000;

/** Options of {@link createDigestScheduler}. */
export interface DigestSchedulerOptions {
  newsletter: NewsletterRuntime;
  clock: Clock;
  logger: Logger;
  catchupHours: number;
  /** How often pending retries and abandoned rows are picked up (default one minute). */
  resumeEveryMs?: number;
  /** The service's work in flight: each run registers there, so shutdown lets the message being sent finish. */
  inFlight?: InFlight;
}

/** A running schedule. */
export interface DigestScheduler {
  /** Settles when the startup run (catch-up, resume) has finished; for tests and logs. */
  startup: Promise<void>;
  stop(): Promise<void>;
}

/**
 * Triggers the idempotent digest job; it decides nothing itself. node-cron
 * fires DIGEST_CRON (on every replica: the job's leader lock and row claims
 * make that safe); every start runs the last occurrence with the catch-up
 * cutoff, because node-cron forgets runs missed while the service was down;
 * a one-minute tick resumes due retries and rows a crashed worker left behind,
 * sends the rows whose local send time has come (local-time delivery), and
 * creates the coming occurrence's issue as soon as its first subscriber's
 * local time comes (up to 26 h before DIGEST_TZ's), and hourly removes unconfirmed subscriptions older than 7 days. Runs never
 * overlap within a process, and stopping aborts between messages.
 */
export function createDigestScheduler(options: DigestSchedulerOptions): DigestScheduler {
  const { newsletter, clock, logger } = options;
  const { cron, timeZone } = newsletter.schedule;
  const abort = new AbortController();
  const signal = abort.signal;
  let busy: Promise<void> | null = null;
  let queued: (() => Promise<void>) | null = null;
  let lastExpiry = 0;
  // The coming occurrence, searched at most every 15 minutes (a week of minutes costs a few hundred ms).
  let coming: Date | null = null;
  let searchedAt = Number.NEGATIVE_INFINITY;
  let createdFor = 0;

  const run = (what: string, task: () => Promise<void>, queueIfBusy: boolean): Promise<void> => {
    if (signal.aborted) return Promise.resolve();
    if (busy) {
      if (queueIfBusy) queued = task;
      return busy;
    }
    const body = async () => {
      try {
        await task();
      } catch (error) {
        logger.error(`${what} failed; the next run retries`, {
          ...errorFields(error),
        });
      } finally {
        busy = null;
        const next = queued;
        queued = null;
        if (next) void run('queued run', next, false);
      }
    };
    busy = options.inFlight ? options.inFlight.run(body) : body();
    return busy;
  };

  const scheduled = (scheduledFor: Date) => async () => {
    await newsletter.digestJob.runScheduled({ scheduledFor, signal });
    await newsletter.digestJob.resumeOpen({ signal });
  };

  /** Creates (and starts sending) the coming occurrence's issue once its first local send time has come. */
  const early = async () => {
    const now = clock.now().getTime();
    if (coming ? coming.getTime() <= now : now - searchedAt >= 15 * 60_000) {
      coming = nextOccurrence(cron, timeZone, clock.now(), 8 * 24 * 60);
      searchedAt = now;
    }
    const occurrence = coming;
    if (!occurrence || occurrence.getTime() === createdFor || occurrence.getTime() - now > MAX_LEAD_MS)
      return;
    if (now < (await newsletter.digestJob.issueDueAt(occurrence)).getTime()) return;
    await newsletter.digestJob.runScheduled({ scheduledFor: occurrence, signal });
    // Once per occurrence and process; a failed run is retried by the next tick.
    createdFor = occurrence.getTime();
  };

  const tick = async () => {
    await early();
    await newsletter.digestJob.resumeOpen({ signal });
    if (clock.now().getTime() - lastExpiry >= 3_600_000) {
      lastExpiry = clock.now().getTime();
      await newsletter.subscriptions.expirePending();
    }
  };

  const task: ScheduledTask = schedule(
    cron,
    (context) =>
      run('scheduled run', scheduled(new Date(Math.floor(context.date.getTime() / 1000) * 1000)), true),
    {
      timezone: timeZone,
      name: 'digest',
    },
  );
  const interval = setInterval(() => void run('resume tick', tick, false), options.resumeEveryMs ?? 60_000);

  const lookback = Math.max(options.catchupHours, 7 * 24) * 60 + 24 * 60;
  const occurrence = lastOccurrence(cron, timeZone, clock.now(), lookback);
  const startup = run(
    'startup catch-up',
    async () => {
      if (occurrence) await scheduled(occurrence)();
      else await newsletter.digestJob.resumeOpen({ signal });
      await early();
      lastExpiry = clock.now().getTime();
      await newsletter.subscriptions.expirePending();
    },
    true,
  );

  return {
    startup,
    async stop() {
      clearInterval(interval);
      await task.destroy();
      queued = null;
      abort.abort();
      await busy;
    },
  };
}
