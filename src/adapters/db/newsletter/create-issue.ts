import type { DigestStore } from '../../../core/newsletter/ports.js';
import { isoWeekIndex } from '../../../core/newsletter/week-key.js';
import type { PrismaClient } from '../generated/client.js';
import { toIssue } from './to-domain.js';

/**
 * The leader step. A transaction-scoped advisory lock serialises replicas that
 * fire at the same minute; the loser waits, then finds the issue. Issue and
 * snapshot commit together, so nobody ever sees an issue without its
 * recipients: the active subscribers whose preferences (pause, every other
 * week, beginner only) take this issue. The snapshot is one INSERT … SELECT
 * inside the database: no subscriber list passes through this process,
 * whatever its size. A suppressed address (bounce, complaint) is never
 * snapshotted, even if its subscriber row is active again (an old confirm
 * link used after the bounce). With `sendAfter`, each row carries its
 * subscriber's local send time, so the claim takes it only once that came.
 */
export async function createIssueWithSnapshot(
  prisma: PrismaClient,
  input: Parameters<DigestStore['createIssue']>[0],
  timeoutMs: number,
): ReturnType<DigestStore['createIssue']> {
  const { weekKey, conceptSlug, useCaseSlug, scheduledFor, now, reviveSkipped } = input;
  // The preference center's rules, as receivesIssue (core/newsletter/preferences.ts) states them.
  const weekParity = isoWeekIndex(weekKey) % 2;
  const beginnerIssue = (input.conceptDifficulty ?? 'beginner') === 'beginner';
  return prisma.$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtext('concept-tutor:digest-leader'))::text AS locked`;
      const existing = await tx.digestIssue.findUnique({ where: { weekKey } });
      if (existing && !(reviveSkipped && existing.status === 'skipped'))
        return { issue: toIssue(existing), created: false, recipients: 0 };
      const data = {
        conceptSlug,
        useCaseSlug,
        scheduledFor,
        status: 'sending' as const,
        snapshotAt: now,
        sentAt: null,
      };
      const issue = existing
        ? await tx.digestIssue.update({ where: { id: existing.id }, data })
        : await tx.digestIssue.create({ data: { weekKey, createdAt: now, ...data } });
      // Local send times: one per distinct zone, computed here (the core's rule), joined in by zone ('' is DIGEST_TZ).
      const zones = input.sendAfter
        ? await tx.$queryRaw<Array<{ zone: string }>>`
            SELECT DISTINCT coalesce("timeZone", '') AS zone FROM "Subscriber" WHERE status = 'active'`
        : [];
      const sendAfter = input.sendAfter;
      const times = sendAfter ? zones.map((z) => sendAfter(z.zone === '' ? null : z.zone).toISOString()) : [];
      const recipients = await tx.$executeRaw`
        INSERT INTO "Delivery" (id, "issueId", "subscriberId", status, attempts, "createdAt", "sendAfter")
        SELECT gen_random_uuid(), ${issue.id}::uuid, s.id, 'pending', 0, ${now}, z.at
        FROM "Subscriber" s
        LEFT JOIN unnest(${zones.map((z) => z.zone)}::text[], ${times}::timestamp(3)[]) AS z(zone, at)
          ON z.zone = coalesce(s."timeZone", '')
        WHERE s.status = 'active'
          AND (s."pausedUntil" IS NULL OR s."pausedUntil" <= ${scheduledFor})
          AND (s.cadence = 'weekly' OR s."cadenceParity" = ${weekParity})
          AND (s.level = 'all' OR ${beginnerIssue})
          AND NOT EXISTS (SELECT 1 FROM "EmailSuppression" x WHERE x.email = s.email)
        ON CONFLICT ("issueId", "subscriberId") DO NOTHING`;
      return { issue: toIssue(issue), created: true, recipients };
    },
    { timeout: timeoutMs, maxWait: timeoutMs },
  );
}
