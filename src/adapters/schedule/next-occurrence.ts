import { createTask } from 'node-cron';

/**
 * The first minute after `now` that `cron` matches in `timeZone`, looking
 * ahead at most `lookaheadMinutes`; null when there is none. The scheduler
 * asks it for the coming occurrence whose issue must exist before DIGEST_TZ
 * gets there (subscribers east of it, up to UTC+14, are due earlier).
 */
export function nextOccurrence(
  cron: string,
  timeZone: string,
  now: Date,
  lookaheadMinutes: number,
): Date | null {
  const task = createTask(cron, () => {}, { timezone: timeZone });
  try {
    const minute = Math.floor(now.getTime() / 60_000) * 60_000;
    for (let i = 1; i <= lookaheadMinutes; i++) {
      const candidate = new Date(minute + i * 60_000);
      if (task.match(candidate)) return candidate;
    }
    return null;
  } finally {
    // createTask registers the task globally; a stopped, destroyed task leaves nothing behind.
    void task.destroy();
  }
}
