import { SKIPPED_PREFIX } from '../../../core/newsletter/ports.js';
import type { WelcomeCounts, WelcomeStore } from '../../../core/newsletter/welcome-store.js';
import type { PrismaClient } from '../generated/client.js';

interface ClaimedRow {
  subscriberId: string;
  email: string;
  status: string;
  attempts: number;
  resumed: boolean;
  /** Active and not suppressed. */
  open: boolean;
}

/**
 * The {@link WelcomeStore} on WelcomeEmail: the same claim as a digest
 * delivery (claim-deliveries.ts), one statement with FOR UPDATE SKIP LOCKED,
 * and every later change conditional on the row still being claimed by the
 * worker that makes it.
 */
export function createPrismaWelcomeStore(prisma: PrismaClient): WelcomeStore {
  const held = (subscriberId: string, worker: string) => ({
    subscriberId,
    claimedBy: worker,
    status: 'sending' as const,
  });
  return {
    async claim({ worker, limit, now, staleBefore, maxAttempts }) {
      // A suppressed address (bounce, complaint) gets no welcome, even if an old confirm link made it active again.
      const rows = await prisma.$queryRaw<ClaimedRow[]>`
        WITH due AS (
          SELECT w."subscriberId", w.status = 'sending' AS resumed, w."claimedBy" AS "previousWorker",
            s.email, s.status::text AS "subscriberStatus",
            (s.status = 'active' AND NOT EXISTS (SELECT 1 FROM "EmailSuppression" x WHERE x.email = s.email)) AS open
          FROM "WelcomeEmail" w JOIN "Subscriber" s ON s.id = w."subscriberId"
          WHERE (w.status = 'pending' AND (w."nextAttemptAt" IS NULL OR w."nextAttemptAt" <= ${now}))
             OR (w.status = 'sending' AND w."claimedAt" < ${staleBefore} AND w."claimedBy" IS DISTINCT FROM ${worker})
          ORDER BY w."createdAt", w."subscriberId"
          LIMIT ${limit}
          FOR UPDATE OF w SKIP LOCKED
        )
        UPDATE "WelcomeEmail" w SET
          status = CASE WHEN due.open AND w.attempts < ${maxAttempts} THEN 'sending' ELSE 'failed' END::"DeliveryStatus",
          attempts = CASE WHEN due.open AND w.attempts < ${maxAttempts} THEN w.attempts + 1 ELSE w.attempts END,
          "lastError" = CASE
            WHEN due."subscriberStatus" <> 'active' THEN ${SKIPPED_PREFIX} || ' subscriber was ' || due."subscriberStatus" || ' when the welcome came up'
            WHEN NOT due.open THEN ${SKIPPED_PREFIX} || ' the address is on the suppression list'
            WHEN w.attempts >= ${maxAttempts} THEN 'gave up after ' || w.attempts || ' attempts: ' || coalesce(w."lastError", 'interrupted')
            WHEN due.resumed THEN 'resumed an interrupted send of ' || coalesce(due."previousWorker", 'an unknown worker') || '; it may have gone out already'
            ELSE w."lastError" END,
          "claimedBy" = ${worker},
          "claimedAt" = ${now},
          "nextAttemptAt" = NULL
        FROM due
        WHERE w."subscriberId" = due."subscriberId"
        RETURNING w."subscriberId"::text AS "subscriberId", due.email, w.status::text AS status, w.attempts, due.resumed, due.open`;
      const claimed = rows.filter((r) => r.status === 'sending');
      return {
        welcomes: claimed.map((r) => ({
          subscriberId: r.subscriberId,
          email: r.email,
          attempts: Number(r.attempts),
          claimedAt: now,
        })),
        skipped: rows.filter((r) => r.status === 'failed' && !r.open).length,
        exhausted: rows.filter((r) => r.status === 'failed' && r.open).length,
        resumed: claimed.filter((r) => r.resumed).length,
      };
    },

    async markSent({ subscriberId, worker, messageId, now }) {
      const { count } = await prisma.welcomeEmail.updateMany({
        where: held(subscriberId, worker),
        data: { status: 'sent', messageId, sentAt: now },
      });
      return count === 1;
    },

    async markRetry({ subscriberId, worker, error, nextAttemptAt }) {
      const { count } = await prisma.welcomeEmail.updateMany({
        where: held(subscriberId, worker),
        data: { status: 'pending', lastError: error.slice(0, 1000), nextAttemptAt },
      });
      return count === 1;
    },

    async markFailed({ subscriberId, worker, error }) {
      const { count } = await prisma.welcomeEmail.updateMany({
        where: held(subscriberId, worker),
        data: { status: 'failed', lastError: error.slice(0, 1000) },
      });
      return count === 1;
    },

    async release({ subscriberIds, worker, notBefore }) {
      if (subscriberIds.length === 0) return 0;
      const { count } = await prisma.welcomeEmail.updateMany({
        where: { subscriberId: { in: subscriberIds }, claimedBy: worker, status: 'sending' },
        data: { status: 'pending', attempts: { decrement: 1 }, nextAttemptAt: notBefore },
      });
      return count;
    },

    async counts() {
      const groups = await prisma.welcomeEmail.groupBy({ by: ['status'], _count: { _all: true } });
      const counts: WelcomeCounts = { pending: 0, sending: 0, sent: 0, failed: 0 };
      for (const g of groups) counts[g.status] = g._count._all;
      return counts;
    },

    async trackMembers({ limit }) {
      const where = { subscriber: { status: 'active' as const } };
      const [rows, total, issues] = await Promise.all([
        prisma.welcomeEmail.findMany({
          where,
          orderBy: [{ createdAt: 'desc' }, { subscriberId: 'asc' }],
          take: limit,
          select: {
            subscriberId: true,
            status: true,
            createdAt: true,
            subscriber: {
              select: {
                email: true,
                level: true,
                deliveries: {
                  where: { status: { not: 'failed' } },
                  select: { conceptSlug: true, issue: { select: { conceptSlug: true } } },
                },
              },
            },
          },
        }),
        prisma.welcomeEmail.count({ where }),
        prisma.digestIssue.findMany({
          where: { status: { in: ['sending', 'sent'] } },
          orderBy: { weekKey: 'asc' },
          select: { conceptSlug: true, snapshotAt: true },
        }),
      ]);
      return {
        total,
        earlierIssues: issues,
        members: rows.map((r) => ({
          subscriberId: r.subscriberId,
          email: r.subscriber.email,
          level: r.subscriber.level,
          trackSince: r.createdAt,
          welcomeStatus: r.status,
          taken: [...new Set(r.subscriber.deliveries.map((d) => d.conceptSlug ?? d.issue.conceptSlug))],
        })),
      };
    },
  };
}
