import { describe, expect, it } from 'vitest';
import { createProgressLine, formatProgress } from '../../../src/adapters/cli/progress-line.js';

/** An io that records stderr and reads time from `clock.ms`. */
function recordingIo(tty: boolean) {
  const clock = { ms: 0 };
  const lines: string[] = [];
  return {
    clock,
    lines,
    io: {
      stdout: () => {},
      stderr: (text: string) => lines.push(text),
      env: {},
      cwd: '/',
      stderrIsTTY: tty,
      now: () => clock.ms,
    },
  };
}

describe('progress output', () => {
  it('formats counts, percentage, rate and time left', () => {
    expect(formatProgress('Sending the digest', { done: 120, total: 300, detail: '2 failed' }, 4000)).toBe(
      'Sending the digest: 120 of 300 (40%), 2 failed, 30/s, about 6 s left',
    );
    expect(formatProgress('Importing a.csv', { done: 5000, total: 20_000 }, 600_000)).toBe(
      'Importing a.csv: 5000 of 20000 (25%), 8.3/s, about 30 min left',
    );
    expect(formatProgress('Working', { done: 600 }, 6_000_000)).toBe('Working: 600, 6.0/min');
    expect(formatProgress('Sending the digest', { done: 0, total: 300 }, 0)).toBe(
      'Sending the digest: 0 of 300 (0%)',
    );
    expect(formatProgress('Sending the digest', { done: 300, total: 300 }, 7_200_000)).toBe(
      'Sending the digest: 300 of 300 (100%), 2.5/min',
    );
  });

  it('without a terminal, prints a line only every interval, and the final state if it printed any', () => {
    const { io, clock, lines } = recordingIo(false);
    const progress = createProgressLine(io, 'Sending the digest', { intervalMs: 5000 });
    for (let done = 1; done <= 10; done++) {
      clock.ms = done * 1000;
      progress.update({ done, total: 10 });
    }
    progress.finish();
    expect(lines).toEqual([
      'Sending the digest: 5 of 10 (50%), 1.0/s, about 5 s left\n',
      'Sending the digest: 10 of 10 (100%), 1.0/s\n',
    ]);
  });

  it('prints nothing at all for work that ends within the interval', () => {
    const { io, clock, lines } = recordingIo(false);
    const progress = createProgressLine(io, 'Importing a.csv');
    clock.ms = 40;
    progress.update({ done: 3, total: 3 });
    progress.finish();
    expect(lines).toEqual([]);
  });

  it('on a terminal, redraws one line in place and clears it at the end', () => {
    const { io, clock, lines } = recordingIo(true);
    const progress = createProgressLine(io, 'Sending the digest');
    clock.ms = 1000;
    progress.update({ done: 1, total: 3 });
    clock.ms = 1050; // within 100 ms of the last redraw: skipped
    progress.update({ done: 2, total: 3 });
    clock.ms = 1060; // the last one is always drawn
    progress.update({ done: 3, total: 3 });
    progress.finish();
    expect(lines).toEqual([
      '\r\x1b[2KSending the digest: 1 of 3 (33%), 1.0/s, about 2 s left',
      '\r\x1b[2KSending the digest: 3 of 3 (100%), 2.8/s',
      '\r\x1b[2K',
    ]);
  });
});
