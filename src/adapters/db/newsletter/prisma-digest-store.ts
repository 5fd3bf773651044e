import type { DigestStore } from '../../../core/newsletter/ports.js';
import { SKIPPED_PREFIX } from '../../../core/newsletter/ports.js';
import type { DeliveryCounts } from '../../../core/newsletter/types.js';
import type { PrismaClient } from '../generated/client.js';
import { claimDeliveries } from './claim-deliveries.js';
import { countRecipients } from './count-recipients.js';
import { createIssueWithSnapshot } from './create-issue.js';
import { toIssue } from './to-domain.js';

/** Options of {@link createPrismaDigestStore}. */
export interface PrismaDigestStoreOptions {
  /** Upper bound for the snapshot transaction; a million subscribers take seconds, not minutes. */
  snapshotTimeoutMs?: number;
}

/**
 * The {@link DigestStore} on DigestIssue, DigestPin and Delivery. Every state
 * change of a delivery is conditional on the row still being claimed by the
 * worker that changes it, so a worker that lost its lease cannot overwrite
 * the outcome of the one that took over.
 */
export function createPrismaDigestStore(
  prisma: PrismaClient,
  options: PrismaDigestStoreOptions = {},
): DigestStore {
  const held = (id: string, worker: string) => ({ id, claimedBy: worker, status: 'sending' as const });
  return {
    async findIssue(weekKey) {
      const row = await prisma.digestIssue.findUnique({ where: { weekKey } });
      return row ? toIssue(row) : null;
    },

    async latestIssue() {
      const row = await prisma.digestIssue.findFirst({ orderBy: { weekKey: 'desc' } });
      return row ? toIssue(row) : null;
    },

    async openIssues() {
      return (
        await prisma.digestIssue.findMany({ where: { status: 'sending' }, orderBy: { scheduledFor: 'asc' } })
      ).map(toIssue);
    },

    countRecipients: (input) => countRecipients(prisma, input),

    async recipientTimeZones() {
      // DISTINCT in the database: the client's `distinct` would fetch every subscriber row first.
      const rows = await prisma.$queryRaw<Array<{ timeZone: string | null }>>`
        SELECT DISTINCT "timeZone" FROM "Subscriber" WHERE status = 'active'`;
      return rows.map((r) => r.timeZone);
    },

    async history() {
      return prisma.digestIssue.findMany({
        where: { status: { in: ['sending', 'sent'] } },
        orderBy: { weekKey: 'asc' },
        select: { weekKey: true, conceptSlug: true, useCaseSlug: true, scheduledFor: true },
      });
    },

    async getPin(weekKey) {
      return prisma.digestPin.findUnique({
        where: { weekKey },
        select: { weekKey: true, conceptSlug: true, useCaseSlug: true },
      });
    },

    async setPin(pin) {
      const data = { conceptSlug: pin.conceptSlug, useCaseSlug: pin.useCaseSlug };
      await prisma.digestPin.upsert({
        where: { weekKey: pin.weekKey },
        create: { weekKey: pin.weekKey, ...data },
        update: data,
      });
    },

    async clearPin(weekKey) {
      return (await prisma.digestPin.deleteMany({ where: { weekKey } })).count > 0;
    },

    createIssue: (input) => createIssueWithSnapshot(prisma, input, options.snapshotTimeoutMs ?? 120_000),

    async recordSkipped({ weekKey, conceptSlug, useCaseSlug, scheduledFor, now }) {
      await prisma.digestIssue.createMany({
        data: [{ weekKey, conceptSlug, useCaseSlug, scheduledFor, status: 'skipped', createdAt: now }],
        skipDuplicates: true,
      });
      return toIssue(await prisma.digestIssue.findUniqueOrThrow({ where: { weekKey } }));
    },

    claim: (input) => claimDeliveries(prisma, input),

    async markSent({ id, worker, messageId, now }) {
      const { count } = await prisma.delivery.updateMany({
        where: held(id, worker),
        data: { status: 'sent', messageId, sentAt: now },
      });
      return count === 1;
    },

    async markSentMany({ worker, sent }) {
      if (sent.length === 0) return [];
      // One UPDATE for the whole group: a round trip per message is what halved throughput.
      const rows = await prisma.$queryRaw<Array<{ id: string }>>`
        UPDATE "Delivery" d SET status = 'sent', "messageId" = v."messageId", "sentAt" = v."sentAt"
        FROM (
          SELECT * FROM unnest(${sent.map((s) => s.id)}::uuid[], ${sent.map((s) => s.messageId)}::text[],
            ${sent.map((s) => s.sentAt.toISOString())}::timestamp(3)[]) AS v(id, "messageId", "sentAt")
        ) v
        WHERE d.id = v.id AND d."claimedBy" = ${worker} AND d.status = 'sending'
        RETURNING d.id::text AS id`;
      return rows.map((r) => r.id);
    },

    async markRetry({ id, worker, error, nextAttemptAt }) {
      const { count } = await prisma.delivery.updateMany({
        where: held(id, worker),
        data: { status: 'pending', lastError: error.slice(0, 1000), nextAttemptAt },
      });
      return count === 1;
    },

    async markFailed({ id, worker, error, now, bounce }) {
      return prisma.$transaction(async (tx) => {
        const { count } = await tx.delivery.updateMany({
          where: held(id, worker),
          data: { status: 'failed', lastError: error.slice(0, 1000) },
        });
        if (count === 1 && bounce) {
          const { subscriberId } = await tx.delivery.findUniqueOrThrow({
            where: { id },
            select: { subscriberId: true },
          });
          await tx.subscriber.updateMany({
            where: { id: subscriberId, status: 'active' },
            data: { status: 'bounced', bouncedAt: now, lastError: error.slice(0, 1000), updatedAt: now },
          });
        }
        return count === 1;
      });
    },

    async heldClaims({ issueId, exceptWorker }) {
      const where = {
        issueId,
        status: 'sending' as const,
        OR: [{ claimedBy: null }, { claimedBy: { not: exceptWorker } }],
      };
      const { _count, _max } = await prisma.delivery.aggregate({
        where,
        _count: { _all: true },
        _max: { claimedAt: true },
      });
      if (_count._all === 0) return { count: 0, newestClaimAt: null, workers: [] };
      const workers = await prisma.delivery.findMany({
        where,
        distinct: ['claimedBy'],
        select: { claimedBy: true },
        orderBy: { claimedBy: 'asc' },
        take: 5,
      });
      return {
        count: _count._all,
        newestClaimAt: _max.claimedAt,
        workers: workers.map((w) => w.claimedBy ?? 'an unknown worker'),
      };
    },

    async release({ ids, worker, notBefore }) {
      if (ids.length === 0) return 0;
      const { count } = await prisma.delivery.updateMany({
        where: { id: { in: ids }, claimedBy: worker, status: 'sending' },
        data: { status: 'pending', attempts: { decrement: 1 }, nextAttemptAt: notBefore },
      });
      return count;
    },

    async completeIfDone({ issueId, now }) {
      const count = await prisma.$executeRaw`
        UPDATE "DigestIssue" SET status = 'sent', "sentAt" = ${now}
        WHERE id = ${issueId}::uuid AND status = 'sending'
          AND NOT EXISTS (SELECT 1 FROM "Delivery" WHERE "issueId" = ${issueId}::uuid AND status IN ('pending', 'sending'))`;
      return count === 1;
    },

    async expireUnsent({ issueId, reason, staleBefore, dueBefore }) {
      // Per subscriber: a row's cutoff counts from its own send time, or the issue's when it has none.
      const due = dueBefore
        ? [
            {
              OR: [
                { sendAfter: { lt: dueBefore } },
                { sendAfter: null, issue: { scheduledFor: { lt: dueBefore } } },
              ],
            },
          ]
        : [];
      const { count } = await prisma.delivery.updateMany({
        where: {
          issueId,
          OR: [{ status: 'pending' }, { status: 'sending', claimedAt: { lt: staleBefore } }],
          AND: due,
        },
        data: { status: 'failed', lastError: reason },
      });
      return count;
    },

    async counts(issueId) {
      const groups = await prisma.delivery.groupBy({
        by: ['status'],
        where: { issueId },
        _count: { _all: true },
      });
      const skipped = await prisma.delivery.count({
        where: { issueId, status: 'failed', lastError: { startsWith: SKIPPED_PREFIX } },
      });
      const counts: DeliveryCounts = { pending: 0, sending: 0, sent: 0, failed: 0, skipped, total: 0 };
      for (const g of groups) {
        counts[g.status] = g._count._all;
        counts.total += g._count._all;
      }
      counts.failed -= skipped;
      return counts;
    },

    async failures({ issueId, limit }) {
      const rows = await prisma.delivery.findMany({
        where: {
          issueId,
          OR: [
            { status: 'failed', NOT: { lastError: { startsWith: SKIPPED_PREFIX } } },
            { status: 'pending', attempts: { gt: 0 } },
          ],
        },
        orderBy: [{ status: 'asc' }, { createdAt: 'asc' }],
        take: limit,
        select: {
          status: true,
          attempts: true,
          lastError: true,
          nextAttemptAt: true,
          subscriber: { select: { email: true } },
        },
      });
      return rows.map((r) => ({
        email: r.subscriber.email,
        status: r.status,
        attempts: r.attempts,
        lastError: r.lastError,
        nextAttemptAt: r.nextAttemptAt,
      }));
    },

    async retryFailed({ issueId }) {
      return prisma.$transaction(async (tx) => {
        const { count } = await tx.delivery.updateMany({
          where: {
            issueId,
            status: 'failed',
            NOT: { lastError: { startsWith: SKIPPED_PREFIX } },
            subscriber: { status: 'active' },
          },
          data: { status: 'pending', attempts: 0, nextAttemptAt: null },
        });
        if (count > 0)
          await tx.digestIssue.updateMany({
            where: { id: issueId },
            data: { status: 'sending', sentAt: null },
          });
        return count;
      });
    },
  };
}
