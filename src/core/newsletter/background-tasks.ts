import { errorFields } from '../errors.js';
import type { Logger } from '../ports.js';

/** Work done after a reply has gone out, one task at a time. */
export interface BackgroundTasks {
  /** Queues `task`; its error is logged as `what` failing. Past the queue's limit the task is dropped with a warning. */
  run(what: string, task: () => Promise<void>): void;
  /** Settles once every queued task has finished (shutdown, tests). */
  idle(): Promise<void>;
}

/**
 * A small serial queue for work a request must not wait for (an email whose
 * sending time would otherwise tell whether an address is known). One task
 * runs at a time, so a burst of requests cannot open a burst of SMTP
 * connections; past `limit` waiting tasks new ones are dropped (fail closed).
 */
export function createBackgroundTasks(options: { logger: Logger; limit?: number }): BackgroundTasks {
  const { logger } = options;
  const limit = options.limit ?? 1000;
  let waiting = 0;
  let tail: Promise<void> = Promise.resolve();
  return {
    run(what, task) {
      if (waiting >= limit) {
        logger.warn(`${what}: dropped, ${limit} background tasks are already waiting`);
        return;
      }
      waiting++;
      tail = tail.then(async () => {
        try {
          await task();
        } catch (error) {
          logger.error(`${what} failed`, errorFields(error));
        } finally {
          waiting--;
        }
      });
    },
    async idle() {
      // Tasks queued while waiting extend the tail; wait for those too.
      while (waiting > 0) await tail;
    },
  };
}
