import type { Timers } from '../../src/core/chat/draft-timers.js';

/** Timers on a clock the test moves by hand: `advance` runs what falls due, in order; nothing runs by itself. */
export interface FakeTimers extends Timers {
  readonly now: number;
  /** Moves the clock on by `ms`, running each timer that falls due. */
  advance(ms: number): void;
  /** Timers set and not yet run or cleared. */
  readonly pending: number;
}

/** Creates {@link FakeTimers} starting at 0 ms. */
export function createFakeTimers(): FakeTimers {
  let now = 0;
  let nextId = 0;
  const timers = new Map<number, { at: number; callback: () => void }>();
  return {
    get now() {
      return now;
    },
    get pending() {
      return timers.size;
    },
    setTimeout(callback, ms) {
      const id = ++nextId;
      timers.set(id, { at: now + ms, callback });
      return id;
    },
    clearTimeout(handle) {
      timers.delete(handle as number);
    },
    advance(ms) {
      const until = now + ms;
      for (;;) {
        const due = [...timers.entries()]
          .filter(([, t]) => t.at <= until)
          .sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].callback();
      }
      now = until;
    },
  };
}
