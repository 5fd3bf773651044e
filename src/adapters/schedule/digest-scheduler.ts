import { type ScheduledTask, schedule } from 'node-cron';
import type { InFlight } from '../../core/chat/in-flight.js';
import { errorFields } from '../../core/errors.js';
import type { Clock, Logger } from '../../core/ports.js';
import type { NewsletterRuntime } from '../../wiring/newsletter.js';
import { lastOccurrence } from './last-occurrence.js';

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
 * and hourly removes unconfirmed subscriptions older than 7 days. Runs never
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

  const tick = async () => {
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
