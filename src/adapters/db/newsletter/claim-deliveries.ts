import type { DigestStore } from '../../../core/newsletter/ports.js';
import { SKIPPED_PREFIX } from '../../../core/newsletter/ports.js';
import type { PrismaClient } from '../generated/client.js';

interface ClaimedRow {
  id: string;
  subscriberId: string;
  email: string;
  status: string;
  attempts: number;
  resumed: boolean;
  subscriberStatus: string;
  countClicks: boolean;
  conceptSlug: string | null;
}

/**
 * One statement, so one transaction: lock up to `limit` due rows with
 * FOR UPDATE SKIP LOCKED (rows another worker holds are passed over, never
 * waited for or shared), then flip them in the same statement:
 * - subscriber no longer active → failed, "skipped: …" (an unsubscribe between snapshot and send is honoured);
 * - an abandoned row already at maxAttempts → failed;
 * - otherwise → sending, attempts + 1, claimedBy/claimedAt stamped.
 * Abandoned `sending` rows (claim older than staleBefore) are the in-flight
 * window of a dead worker: they are sent again, and their lastError says so.
 * Never the caller's own: a worker name is unique per run, and the batch it
 * claims ahead must not take over the rows it is still sending.
 * With a `sendWindow` (scheduled passes), only rows whose local send time has
 * come and whose cutoff has not passed; rows without one are always due.
 */
export async function claimDeliveries(
  prisma: PrismaClient,
  input: Parameters<DigestStore['claim']>[0],
): ReturnType<DigestStore['claim']> {
  const { issueId, worker, limit, now, staleBefore, maxAttempts } = input;
  // Without a window (manual sends) the bounds are open: every row is due whatever its local send time.
  const windowFrom = input.sendWindow ? input.sendWindow.from : null;
  const windowTo = input.sendWindow ? input.sendWindow.to : null;
  const rows = await prisma.$queryRaw<ClaimedRow[]>`
    WITH due AS (
      SELECT d.id, d.status = 'sending' AS resumed, d."claimedBy" AS "previousWorker"
      FROM "Delivery" d
      WHERE d."issueId" = ${issueId}::uuid
        AND ((d.status = 'pending' AND (d."nextAttemptAt" IS NULL OR d."nextAttemptAt" <= ${now}))
          OR (d.status = 'sending' AND d."claimedAt" < ${staleBefore} AND d."claimedBy" IS DISTINCT FROM ${worker}))
        AND (d."sendAfter" IS NULL OR ((${windowTo}::timestamp IS NULL OR d."sendAfter" <= ${windowTo}::timestamp)
          AND (${windowFrom}::timestamp IS NULL OR d."sendAfter" >= ${windowFrom}::timestamp)))
      ORDER BY d."createdAt", d.id
      LIMIT ${limit}
      FOR UPDATE OF d SKIP LOCKED
    )
    UPDATE "Delivery" d SET
      status = CASE WHEN s.status = 'active' AND d.attempts < ${maxAttempts} THEN 'sending' ELSE 'failed' END::"DeliveryStatus",
      attempts = CASE WHEN s.status = 'active' AND d.attempts < ${maxAttempts} THEN d.attempts + 1 ELSE d.attempts END,
      "lastError" = CASE
        WHEN s.status <> 'active' THEN ${SKIPPED_PREFIX} || ' subscriber was ' || s.status::text || ' when the send came up'
        WHEN d.attempts >= ${maxAttempts} THEN 'gave up after ' || d.attempts || ' attempts: ' || coalesce(d."lastError", 'interrupted')
        WHEN due.resumed THEN 'resumed an interrupted send of ' || coalesce(due."previousWorker", 'an unknown worker') || '; it may have gone out already'
        ELSE d."lastError" END,
      "claimedBy" = ${worker},
      "claimedAt" = ${now},
      "nextAttemptAt" = NULL
    FROM due, "Subscriber" s
    WHERE d.id = due.id AND s.id = d."subscriberId"
    RETURNING d.id, d."subscriberId", s.email, d.status::text AS status, d.attempts, due.resumed, s.status::text AS "subscriberStatus", d."conceptSlug", s."countClicks"`;
  const claimed = rows.filter((r) => r.status === 'sending');
  return {
    deliveries: claimed.map((r) => ({
      id: r.id,
      subscriberId: r.subscriberId,
      email: r.email,
      attempts: Number(r.attempts),
      claimedAt: now,
      countClicks: r.countClicks !== false,
      conceptSlug: r.conceptSlug,
    })),
    skipped: rows.filter((r) => r.status === 'failed' && r.subscriberStatus !== 'active').length,
    exhausted: rows.filter((r) => r.status === 'failed' && r.subscriberStatus === 'active').length,
    resumed: claimed.filter((r) => r.resumed).length,
  };
}
