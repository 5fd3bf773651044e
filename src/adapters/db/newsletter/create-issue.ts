import type { ConceptPlan, DigestStore } from '../../../core/newsletter/ports.js';
import { isoWeekIndex } from '../../../core/newsletter/week-key.js';
import type { Prisma, PrismaClient } from '../generated/client.js';
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
 * link used after the bounce).
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
  // Beginner-only subscribers on the welcome track may still have beginner concepts to catch up on.
  const planned = input.conceptPlan !== undefined;
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
      const recipients = await tx.$executeRaw`
        INSERT INTO "Delivery" (id, "issueId", "subscriberId", status, attempts, "createdAt")
        SELECT gen_random_uuid(), ${issue.id}::uuid, s.id, 'pending', 0, ${now}
        FROM "Subscriber" s WHERE s.status = 'active'
          AND (s."pausedUntil" IS NULL OR s."pausedUntil" <= ${scheduledFor})
          AND (s.cadence = 'weekly' OR s."cadenceParity" = ${weekParity})
          AND (s.level = 'all' OR ${beginnerIssue} OR (${planned} AND EXISTS (SELECT 1 FROM "WelcomeEmail" w WHERE w."subscriberId" = s.id)))
          AND NOT EXISTS (SELECT 1 FROM "EmailSuppression" x WHERE x.email = s.email)
        ON CONFLICT ("issueId", "subscriberId") DO NOTHING`;
      const dropped = input.conceptPlan
        ? await applyConceptPlan(tx, issue.id, conceptSlug, beginnerIssue, input.conceptPlan)
        : 0;
      return { issue: toIssue(issue), created: true, recipients: recipients - dropped };
    },
    { timeout: timeoutMs, maxWait: timeoutMs },
  );
}

interface CandidateRow {
  subscriberId: string;
  level: 'all' | 'beginner';
  trackSince: Date | null;
  taken: string[] | null;
}

/**
 * The welcome track, inside the snapshot transaction (decision 013): reads
 * the snapshotted subscribers whose copy may teach another concept (on the
 * track, already had the issue's concept, or beginner-only on a harder
 * issue), lets the core plan decide, and writes each copy's concept in one
 * UPDATE (or removes the copies that teach nothing). Returns how many copies
 * were removed. Everyone else keeps conceptSlug null: the issue's concept.
 */
async function applyConceptPlan(
  tx: Prisma.TransactionClient,
  issueId: string,
  conceptSlug: string,
  beginnerIssue: boolean,
  plan: ConceptPlan,
): Promise<number> {
  // "Taken": the concepts of their other copies that went out or are on the way; a failed one can be sent again.
  const candidates = await tx.$queryRaw<CandidateRow[]>`
    SELECT d."subscriberId"::text AS "subscriberId", s.level::text AS level, w."createdAt" AS "trackSince",
      (SELECT array_agg(DISTINCT coalesce(p."conceptSlug", i."conceptSlug"))
         FROM "Delivery" p JOIN "DigestIssue" i ON i.id = p."issueId"
        WHERE p."subscriberId" = d."subscriberId" AND p."issueId" <> d."issueId" AND p.status <> 'failed') AS taken
    FROM "Delivery" d
    JOIN "Subscriber" s ON s.id = d."subscriberId"
    LEFT JOIN "WelcomeEmail" w ON w."subscriberId" = d."subscriberId"
    WHERE d."issueId" = ${issueId}::uuid
      AND (w."subscriberId" IS NOT NULL
        OR (s.level = 'beginner' AND NOT ${beginnerIssue})
        OR EXISTS (SELECT 1 FROM "Delivery" p JOIN "DigestIssue" i ON i.id = p."issueId"
                    WHERE p."subscriberId" = d."subscriberId" AND p."issueId" <> d."issueId" AND p.status <> 'failed'
                      AND coalesce(p."conceptSlug", i."conceptSlug") = ${conceptSlug}))`;
  if (candidates.length === 0) return 0;
  const earlierIssues = await tx.digestIssue.findMany({
    where: { status: { in: ['sending', 'sent'] }, id: { not: issueId } },
    select: { conceptSlug: true, snapshotAt: true },
  });
  const changes = plan(
    candidates.map((c) => ({ ...c, taken: c.taken ?? [] })),
    earlierIssues,
  );
  const other = changes.filter(
    (c): c is { subscriberId: string; conceptSlug: string } => c.conceptSlug !== null,
  );
  const none = changes.filter((c) => c.conceptSlug === null).map((c) => c.subscriberId);
  if (other.length > 0)
    await tx.$executeRaw`
      UPDATE "Delivery" d SET "conceptSlug" = v.slug
      FROM unnest(${other.map((c) => c.subscriberId)}::uuid[], ${other.map((c) => c.conceptSlug)}::text[]) AS v(id, slug)
      WHERE d."issueId" = ${issueId}::uuid AND d."subscriberId" = v.id`;
  if (none.length === 0) return 0;
  return tx.$executeRaw`
    DELETE FROM "Delivery" WHERE "issueId" = ${issueId}::uuid AND "subscriberId" = ANY(${none}::uuid[])`;
}
