import type { CliIo } from './cli-types.js';

/** Where a long command is. */
export interface ProgressState {
  /** Items done so far (messages recorded, rows imported). */
  done: number;
  /** How many there are, when known. */
  total?: number;
  /** Extra counts, e.g. `2 failed`. */
  detail?: string;
}

/** Progress on stderr; stdout stays clean for the result (and for CSV or JSON). */
export interface ProgressLine {
  update(state: ProgressState): void;
  /** Ends the progress: clears the terminal line, or prints the final state if a periodic line was printed. */
  finish(): void;
}

/** `42 s`, `3 min`, `1 h 5 min`. */
function formatDuration(seconds: number): string {
  if (seconds < 60) return `${Math.max(1, Math.round(seconds))} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  return `${Math.floor(seconds / 3600)} h ${Math.round((seconds % 3600) / 60)} min`;
}

/** `35/s`, `2.5/s`, or per minute when slower than one a second: `12/min`. */
function formatRate(perSecond: number): string {
  const [value, unit] = perSecond >= 1 ? [perSecond, 's'] : [perSecond * 60, 'min'];
  return `${value >= 10 ? Math.round(value) : value.toFixed(1)}/${unit}`;
}

/** One line: `Sending the digest: 120 of 300 (40%), 2 failed, 35/s, about 5 s left`. */
export function formatProgress(label: string, state: ProgressState, elapsedMs: number): string {
  const parts = [
    state.total !== undefined
      ? `${state.done} of ${state.total}${state.total > 0 ? ` (${Math.floor((state.done / state.total) * 100)}%)` : ''}`
      : `${state.done}`,
  ];
  if (state.detail) parts.push(state.detail);
  const seconds = elapsedMs / 1000;
  if (seconds > 0 && state.done > 0) {
    const rate = state.done / seconds;
    parts.push(formatRate(rate));
    const fraction = state.total ? state.done / state.total : undefined;
    if (fraction !== undefined && fraction > 0 && fraction < 1)
      parts.push(`about ${formatDuration((seconds * (1 - fraction)) / fraction)} left`);
  }
  return `${label}: ${parts.join(', ')}`;
}

/**
 * Progress for long CLI work: on a terminal, one line on stderr redrawn in
 * place (at most every 100 ms); otherwise (logs, CI) a plain line every
 * `intervalMs`, so a short run prints nothing extra and a long one shows it
 * is alive, with the final state once at the end.
 */
export function createProgressLine(
  io: CliIo,
  label: string,
  options: { intervalMs?: number } = {},
): ProgressLine {
  const now = io.now ?? (() => performance.now());
  const intervalMs = options.intervalMs ?? 5000;
  const started = now();
  let last: ProgressState | null = null;
  let lastDrawn = Number.NEGATIVE_INFINITY;
  let printed = false;
  let pending = false;
  return {
    update(state) {
      last = state;
      const at = now();
      if (io.stderrIsTTY) {
        if (at - lastDrawn < 100 && state.done !== state.total) return;
        lastDrawn = at;
        io.stderr(`\r\x1b[2K${formatProgress(label, state, at - started)}`);
        printed = true;
        return;
      }
      pending = true;
      if (at - (printed ? lastDrawn : started) < intervalMs) return;
      lastDrawn = at;
      pending = false;
      printed = true;
      io.stderr(`${formatProgress(label, state, at - started)}\n`);
    },
    finish() {
      if (io.stderrIsTTY) {
        if (printed) io.stderr('\r\x1b[2K');
      } else if (printed && pending && last) {
        io.stderr(`${formatProgress(label, last, now() - started)}\n`);
      }
      printed = false;
      pending = false;
    },
  };
}
