/** One UTC calendar day in milliseconds. */
const DAY_MS = 86_400_000;

/** The UTC day number of an instant (days since 1970-01-01 UTC). */
function utcDay(at: Date): number {
  return Math.floor(at.getTime() / DAY_MS);
}

/**
 * A learner's practice streak: the number of consecutive days, counted in
 * UTC, with at least one answered practice item, ending today or yesterday.
 * Yesterday still counts so that a streak is not shown as broken in the
 * morning before today's practice; a day with no answer breaks it. Days are
 * UTC for everyone: the store keeps no time zone per learner, and one rule
 * keeps Slack, Discord, the web and email in agreement (docs/practice.md).
 */
export function practiceStreak(answeredAt: readonly Date[], now: Date): number {
  const days = new Set(answeredAt.map(utcDay));
  const today = utcDay(now);
  let day = days.has(today) ? today : today - 1;
  let streak = 0;
  while (days.has(day)) {
    streak += 1;
    day -= 1;
  }
  return streak;
}

/** How far back answers are read for a streak: showings are pruned after 30 days, so longer streaks show as "30+". */
export const STREAK_WINDOW_DAYS = 30;
