import { systemTimers, type Timers } from './draft-timers.js';

/** Shows an answer while it is written, without flooding the platform with edits. */
export interface ThrottledDraft {
  /** Offers the answer so far; the newest text is shown at most once per interval. */
  offer(textSoFar: string): void;
  /** Stops drafting and waits for an edit in flight: once it resolves, no draft can overwrite the final answer. */
  finish(): Promise<void>;
  /** Whether at least one draft reached the platform. */
  readonly shown: boolean;
}

/** Options of {@link createThrottledDraft}; `render` and `show` are the platform's part. */
export interface ThrottledDraftOptions<Rendered> {
  /** Least time between two edits (Slack allows about one a second, Discord five per five seconds). */
  intervalMs: number;
  /**
   * Wait before the first show, when it should come sooner than a whole
   * interval (a native stream's first words); default `intervalMs`. The
   * interval still separates every later show from the one before.
   */
  firstDelayMs?: number;
  /** The platform message for the text so far, or null when there is nothing worth showing yet. */
  render(textSoFar: string): Rendered | null;
  /** Edits the placeholder; a failure costs only this draft. */
  show(rendered: Rendered): Promise<void>;
  /** Told about a failed edit (the caller logs it); drafting carries on. */
  onError(error: unknown): void;
  timers?: Timers;
}

/**
 * The streaming half of every chat surface, written once (vercel/chat's
 * fallbackStream): the first text starts a timer, and when it fires the
 * latest text is shown. Edits go out one at a time and in order, and none
 * starts after `finish`, so a late draft can never overwrite the answer.
 */
export function createThrottledDraft<Rendered>(options: ThrottledDraftOptions<Rendered>): ThrottledDraft {
  const timers = options.timers ?? systemTimers;
  let latest = '';
  let timer: unknown;
  let finished = false;
  let shown = false;
  let flushed = false;
  let queue: Promise<void> = Promise.resolve();

  function flush(): void {
    timer = undefined;
    flushed = true;
    const rendered = options.render(latest);
    if (rendered === null || finished) return;
    queue = queue
      .then(async () => {
        if (finished) return;
        await options.show(rendered);
        shown = true;
      })
      .catch((error: unknown) => options.onError(error));
  }

  return {
    get shown() {
      return shown;
    },
    offer(textSoFar) {
      if (finished) return;
      latest = textSoFar;
      timer ??= timers.setTimeout(
        flush,
        flushed ? options.intervalMs : (options.firstDelayMs ?? options.intervalMs),
      );
    },
    async finish() {
      finished = true;
      if (timer !== undefined) timers.clearTimeout(timer);
      timer = undefined;
      await queue;
    },
  };
}
