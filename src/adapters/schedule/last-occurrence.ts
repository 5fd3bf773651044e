import { createTask } from 'node-cron';

/**
 * The latest minute at or before `now` that `cron` matches in `timeZone`,
 * looking back at most `lookbackMinutes`; null when there is none. node-cron
 * only looks forward and forgets missed runs, so the catch-up at startup
 * asks this instead. A weekly schedule takes at most ~10k cheap matches.
 */
export function lastOccurrence(
  cron: string,
  timeZone: string,
  now: Date,
  lookbackMinutes: number,
): Date | null {
  const task = createTask(cron, () => {}, { timezone: timeZone });
  try {
    const minute = Math.floor(now.getTime() / 60_000) * 60_000;
    for (let i = 0; i <= lookbackMinutes; i++) {
      const candidate = new Date(minute - i * 60_000);
      if (task.match(candidate)) return candidate;
    }
    return null;
  } finally {
    // createTask registers the task globally; a stopped, destroyed task leaves nothing behind.
    void task.destroy();
  }
}
