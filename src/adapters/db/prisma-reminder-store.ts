import { MAX_REMINDER_ATTEMPTS, type ReminderStore } from '../../core/practice/reminders/reminder-store.js';
import type { ReminderOptIn, ReminderPlatform } from '../../core/practice/reminders/types.js';
import type { PrismaClient } from './generated/client.js';

type OptInRow = NonNullable<Awaited<ReturnType<PrismaClient['practiceReminder']['findUnique']>>>;

/**
 * The {@link ReminderStore} on `PracticeReminder` (opt-ins) and
 * `PracticeReminderSent` (one claim per learner and local date). Safe with
 * several replicas without locks: a claim is `INSERT … ON CONFLICT DO UPDATE …
 * WHERE <retryable failure>`, so of any number of concurrent claimers exactly
 * one gets the row back. Each step of a run is one statement over the whole
 * batch, so 10,000 learners cost a handful of round trips.
 */
export function createPrismaReminderStore(prisma: PrismaClient): ReminderStore {
  return {
    async save(optIn) {
      const { learner, ...data } = optIn;
      await prisma.practiceReminder.upsert({ where: { learner }, create: optIn, update: data });
    },
    async remove(learner) {
      const { count } = await prisma.practiceReminder.deleteMany({ where: { learner } });
      return count > 0;
    },
    async find(learner) {
      const row = await prisma.practiceReminder.findUnique({ where: { learner } });
      return row ? toOptIn(row) : null;
    },
    async optIns(platforms) {
      const rows = await prisma.practiceReminder.findMany({ where: { platform: { in: [...platforms] } } });
      return rows.map(toOptIn);
    },
    async pending(candidates, itemIds, now) {
      if (candidates.length === 0 || itemIds.length === 0) return [];
      const byLearner = new Map(candidates.map((c) => [c.optIn.learner, c]));
      const rows = await prisma.$queryRaw<Array<{ learner: string; due: number }>>`
        SELECT c.learner, COUNT(*)::int AS due
        FROM unnest(${candidates.map((c) => c.optIn.learner)}::text[],
                    ${candidates.map((c) => c.localDate)}::text[]) AS c(learner, "localDate")
        JOIN "PracticeState" s
          ON s.learner = c.learner AND s.due <= ${now} AND s."itemId" = ANY(${[...itemIds]}::text[])
        LEFT JOIN "PracticeReminderSent" r
          ON r.learner = c.learner AND r."localDate" = c."localDate"
        WHERE r.learner IS NULL
           OR (r.status = 'failed' AND NOT r.permanent AND r.attempts < ${MAX_REMINDER_ATTEMPTS})
        GROUP BY c.learner`;
      return rows.map((row) => {
        const candidate = byLearner.get(row.learner)!;
        return { optIn: candidate.optIn, localDate: candidate.localDate, due: Number(row.due) };
      });
    },
    async claim(pairs, worker, now) {
      if (pairs.length === 0) return new Set();
      // The insert wins a fresh pair; the conditional update wins a retryable failure; anything else returns no row.
      const rows = await prisma.$queryRaw<Array<{ learner: string }>>`
        INSERT INTO "PracticeReminderSent" (learner, "localDate", status, attempts, "claimedBy", "claimedAt")
        SELECT learner, "localDate", 'sending', 1, ${worker}, ${now}
        FROM unnest(${pairs.map((p) => p.learner)}::text[], ${pairs.map((p) => p.localDate)}::text[])
          AS c(learner, "localDate")
        ON CONFLICT (learner, "localDate") DO UPDATE SET
          status = 'sending',
          attempts = "PracticeReminderSent".attempts + 1,
          "claimedBy" = EXCLUDED."claimedBy",
          "claimedAt" = EXCLUDED."claimedAt"
        WHERE "PracticeReminderSent".status = 'failed'
          AND NOT "PracticeReminderSent".permanent
          AND "PracticeReminderSent".attempts < ${MAX_REMINDER_ATTEMPTS}
        RETURNING learner`;
      return new Set(rows.map((r) => r.learner));
    },
    async record(outcomes, now) {
      if (outcomes.length === 0) return;
      const failed = (o: (typeof outcomes)[number]) => (o.outcome.status === 'failed' ? o.outcome : null);
      // Only rows still `sending` change: an outcome never overwrites a later claim's.
      await prisma.$executeRaw`
        UPDATE "PracticeReminderSent" r SET
          status = o.status,
          permanent = o.permanent,
          "lastError" = o.error,
          "sentAt" = CASE WHEN o.status = 'sent' THEN ${now}::timestamp(3) ELSE r."sentAt" END
        FROM unnest(${outcomes.map((o) => o.learner)}::text[],
                    ${outcomes.map((o) => o.localDate)}::text[],
                    ${outcomes.map((o) => o.outcome.status)}::text[],
                    ${outcomes.map((o) => failed(o)?.permanent ?? false)}::boolean[],
                    ${outcomes.map((o) => failed(o)?.error.slice(0, 500) ?? null)}::text[])
          AS o(learner, "localDate", status, permanent, error)
        WHERE r.learner = o.learner AND r."localDate" = o."localDate" AND r.status = 'sending'`;
    },
    async pruneClaims(beforeDate) {
      const { count } = await prisma.practiceReminderSent.deleteMany({
        where: { localDate: { lt: beforeDate } },
      });
      return count;
    },
  };
}

function toOptIn(row: OptInRow): ReminderOptIn {
  return {
    learner: row.learner,
    platform: row.platform as ReminderPlatform,
    target: row.target,
    minutes: row.minutes,
    zone: row.zone,
    startsOn: row.startsOn,
  };
}
