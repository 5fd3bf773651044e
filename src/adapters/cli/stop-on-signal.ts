import type { CliIo, StopSignal } from './cli-types.js';

/** A stop request for a long command, from Ctrl-C (SIGINT) or SIGTERM. */
export interface StopRequest {
  /** Aborted by the first signal; the work stops at its next safe point. */
  signal: AbortSignal;
  /** The signal that asked to stop, or null. */
  stoppedBy(): StopSignal | null;
  /** Stops listening (the process's default signal handling returns). */
  dispose(): void;
}

/** The conventional exit code of a process stopped by a signal: 128 + its number. */
export const signalExitCode = (signal: StopSignal): number => (signal === 'SIGINT' ? 130 : 143);

/**
 * Listens for SIGINT and SIGTERM while `what` runs: the first one aborts the
 * returned signal and says what happens now; the entry point (src/cli.ts)
 * exits at once on a second one.
 */
export function stopOnSignal(io: CliIo, what: string): StopRequest {
  const abort = new AbortController();
  let stoppedBy: StopSignal | null = null;
  const unsubscribe =
    io.onSignal?.((signal) => {
      if (stoppedBy) return;
      stoppedBy = signal;
      io.stderr(`\n${signal}: stopping after ${what}; press Ctrl-C again to quit at once.\n`);
      abort.abort();
    }) ?? (() => {});
  return { signal: abort.signal, stoppedBy: () => stoppedBy, dispose: unsubscribe };
}
