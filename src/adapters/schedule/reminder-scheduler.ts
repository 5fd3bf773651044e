import { type ScheduledTask, schedule } from 'node-cron';
import type { InFlight } from '../../core/chat/in-flight.js';
import { errorFields } from '../../core/errors.js';
import type { Clock, Logger } from '../../core/ports.js';
import type { ReminderJob } from '../../core/practice/reminders/reminder-job.js';
import type { ReminderStore } from '../../core/practice/reminders/reminder-store.js';

/** Every five minutes: a reminder goes out at most five minutes after its time. */
export const REMINDER_CRON = '*/5 * * * *';

/** Claims are kept a week (to see what was sent), then pruned. */
const KEEP_CLAIM_DAYS = 7;

/** Options of {@link createReminderScheduler}. */
export interface ReminderSchedulerOptions {
  job: ReminderJob;
  store: Pick<ReminderStore, 'pruneClaims'>;
  clock: Clock;
  logger: Logger;
  /** The service's work in flight: shutdown lets the DM being sent finish. */
  inFlight?: InFlight;
  cron?: string;
}

/**
 * Triggers the idempotent reminder job; it decides nothing itself. node-cron
 * fires on every replica and forgets runs missed while the service was down,
 * which is fine: each run claims (learner, local date) before sending, and
 * looks at the whole of the learner's current day, so a run at start catches
 * up today's reminders and none is sent twice. Runs never overlap in a process.
 */
export function createReminderScheduler(options: ReminderSchedulerOptions) {
  const { job, clock, logger } = options;
  const abort = new AbortController();
  let busy: Promise<void> | null = null;

  const run = (what: string): Promise<void> => {
    if (abort.signal.aborted || busy) return busy ?? Promise.resolve();
    const body = async () => {
      try {
        const summary = await job.run({ signal: abort.signal });
        if (summary.claimed > 0) logger.info('review reminders sent', { ...summary });
        const cutoff = new Date(clock.now().getTime() - (KEEP_CLAIM_DAYS + 1) * 86_400_000);
        await options.store.pruneClaims(cutoff.toISOString().slice(0, 10));
      } catch (error) {
        logger.error(`${what} failed; the next run retries`, errorFields(error));
      } finally {
        busy = null;
      }
    };
    busy = options.inFlight ? options.inFlight.run(body) : body();
    return busy;
  };

  const task: ScheduledTask = schedule(options.cron ?? REMINDER_CRON, () => void run('reminder run'), {
    name: 'practice-reminders',
  });
  const startup = run('startup reminder run');
  return {
    /** Settles when the run at start has finished (tests, logs). */
    startup,
    /** Runs the job now (tests); resolves when it is done. */
    runNow: () => run('reminder run'),
    async stop() {
      await task.destroy();
      abort.abort();
      await busy;
    },
  };
}
