/** Work still running after its Slack request was acknowledged. */
export interface Inflight {
  /** Runs `work` and keeps track of it until it settles. */
  run<T>(work: () => Promise<T>): Promise<T>;
  /** Resolves true once everything running has settled, or false after `timeoutMs`. */
  drain(timeoutMs: number): Promise<boolean>;
  readonly size: number;
}

/**
 * Tracks answers in progress. Bolt acknowledges Slack first and answers
 * afterwards, so on shutdown the service waits here for those answers before
 * it closes the database they write to.
 */
export function createInflight(): Inflight {
  const running = new Set<Promise<unknown>>();
  return {
    get size() {
      return running.size;
    },
    run(work) {
      const promise = work();
      const tracked = promise.then(
        () => undefined,
        () => undefined,
      );
      running.add(tracked);
      void tracked.then(() => running.delete(tracked));
      return promise;
    },
    async drain(timeoutMs) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
      // Work can start more work (an answer's follow-up posts), so keep waiting until the set is empty.
      const settled = (async () => {
        while (running.size > 0) await Promise.all(running);
        return true as const;
      })();
      try {
        return await Promise.race([settled, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
