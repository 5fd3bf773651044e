import { systemTimers, type Timers } from './draft-timers.js';

/**
 * Work the service must let finish before it stops: an answer being written
 * on any surface (Slack, Discord, the web Ask page) or a digest message being
 * sent. Surfaces register their work here; the service drains it once, at
 * shutdown, within one budget (SHUTDOWN_DRAIN_SECONDS).
 */
export interface InFlight {
  /**
   * Runs `work` and tracks it until it settles. `signal` aborts when the
   * drain budget runs out: the work should then finish at once, with an
   * apology where it can show one.
   */
  run<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T>;
  /** Resolves true once nothing is running (work started meanwhile included), false when `timeoutMs` passes first. */
  drain(timeoutMs: number): Promise<boolean>;
  /** Aborts the signal of all work, running and to come. */
  abort(): void;
  readonly size: number;
}

/** Creates an empty {@link InFlight} registry. */
export function createInFlight(options: { timers?: Timers } = {}): InFlight {
  const timers = options.timers ?? systemTimers;
  const running = new Set<Promise<unknown>>();
  const controller = new AbortController();
  return {
    get size() {
      return running.size;
    },
    run(work) {
      let promise: Promise<Awaited<ReturnType<typeof work>>>;
      try {
        promise = Promise.resolve(work(controller.signal));
      } catch (error) {
        promise = Promise.reject(error);
      }
      const tracked = promise.then(
        () => undefined,
        () => undefined,
      );
      running.add(tracked);
      void tracked.then(() => running.delete(tracked));
      return promise;
    },
    async drain(timeoutMs) {
      let timer: unknown;
      const timeout = new Promise<false>((resolve) => {
        timer = timers.setTimeout(() => resolve(false), timeoutMs);
      });
      // Work can start more work (an answer's follow-up posts), so wait until the set stays empty.
      const settled = (async () => {
        while (running.size > 0) await Promise.all(running);
        return true as const;
      })();
      try {
        return await Promise.race([settled, timeout]);
      } finally {
        timers.clearTimeout(timer);
      }
    },
    abort() {
      controller.abort();
    },
  };
}
