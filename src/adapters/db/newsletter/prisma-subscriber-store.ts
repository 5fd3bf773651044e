import type { SubscriberStore } from '../../../core/newsletter/ports.js';
import type { SubscriberStatus } from '../../../core/newsletter/types.js';
import type { PrismaClient } from '../generated/client.js';
import { isUuid, toSubscriber } from './to-domain.js';

const CONFIRM = 'confirm';

/** The {@link SubscriberStore} on the Subscriber and SubscriberToken tables. */
export function createPrismaSubscriberStore(prisma: PrismaClient): SubscriberStore {
  const findById = async (id: string) => {
    if (!isUuid(id)) return null;
    const row = await prisma.subscriber.findUnique({ where: { id } });
    return row ? toSubscriber(row) : null;
  };

  return {
    async findByEmail(email) {
      const row = await prisma.subscriber.findUnique({ where: { email } });
      return row ? toSubscriber(row) : null;
    },

    findById,

    async ensurePending({ email, now }) {
      // ON CONFLICT DO NOTHING, then read: two forms submitted at once both end with the one row.
      await prisma.subscriber.createMany({
        data: [{ email, status: 'pending', createdAt: now, updatedAt: now }],
        skipDuplicates: true,
      });
      return toSubscriber(await prisma.subscriber.findUniqueOrThrow({ where: { email } }));
    },

    async addConfirmToken({ subscriberId, tokenHash, source, learner, expiresAt, now }) {
      await prisma.subscriberToken.create({
        data: {
          subscriberId,
          purpose: CONFIRM,
          tokenHash,
          source,
          learner: learner ?? null,
          expiresAt,
          createdAt: now,
        },
      });
    },

    async lastUnusedConfirmTokenAt(subscriberId) {
      const row = await prisma.subscriberToken.findFirst({
        where: { subscriberId, purpose: CONFIRM, usedAt: null },
        orderBy: { createdAt: 'desc' },
        select: { createdAt: true },
      });
      return row?.createdAt ?? null;
    },

    async confirm({ tokenHash, now }) {
      return prisma.$transaction(async (tx) => {
        const token = await tx.subscriberToken.findUnique({
          where: { tokenHash },
          include: { subscriber: true },
        });
        if (!token || token.purpose !== CONFIRM) return { outcome: 'unknown' as const };
        if (token.usedAt) {
          const used =
            token.subscriber.status === 'active' ? ('already-confirmed' as const) : ('unknown' as const);
          return { outcome: used, subscriber: toSubscriber(token.subscriber) };
        }
        if (token.expiresAt && token.expiresAt <= now)
          return { outcome: 'expired' as const, subscriber: toSubscriber(token.subscriber) };
        await tx.subscriberToken.update({ where: { id: token.id }, data: { usedAt: now } });
        // Already active (a Discord member linking their chat account): the consent on record stands.
        const wasActive = token.subscriber.status === 'active';
        const row = wasActive
          ? token.subscriber
          : await tx.subscriber.update({
              where: { id: token.subscriberId },
              data: {
                status: 'active',
                consentSource: token.source ?? 'unknown',
                consentAt: now,
                confirmedAt: now,
                unsubscribedAt: null,
                bouncedAt: null,
                lastError: null,
                updatedAt: now,
              },
            });
        // The welcome email and the start of the welcome track, committed with the confirmation so neither is
        // lost; once per subscriber, so confirming again after an unsubscribe sends no second welcome (decision 013).
        // A link-only click on an active subscriber is no new subscription and starts no welcome.
        if (!wasActive)
          await tx.welcomeEmail.createMany({
            data: [{ subscriberId: row.id, createdAt: now }],
            skipDuplicates: true,
          });
        if (!token.learner) return { outcome: 'confirmed' as const, subscriber: toSubscriber(row) };
        // The mailbox's owner agreed: the chat account that asked is now the same learner (Discord).
        await tx.learnerLink.upsert({
          where: { learner: token.learner },
          create: { learner: token.learner, subscriberId: row.id, linkedAt: now },
          update: { subscriberId: row.id, linkedAt: now },
        });
        return { outcome: 'confirmed' as const, subscriber: toSubscriber(row), linked: token.learner };
      });
    },

    async reserveManageLink({ id, now, notBefore }) {
      if (!isUuid(id)) return false;
      const { count } = await prisma.subscriber.updateMany({
        where: { id, OR: [{ manageLinkSentAt: null }, { manageLinkSentAt: { lte: notBefore } }] },
        data: { manageLinkSentAt: now },
      });
      return count === 1;
    },

    async unsubscribe({ id, now }) {
      if (!isUuid(id)) return false;
      // Leaving the digest also unlinks the member's chat practice from this record (docs/practice.md).
      const [{ count }] = await prisma.$transaction([
        prisma.subscriber.updateMany({
          where: { id, status: { in: ['active', 'pending'] } },
          data: { status: 'unsubscribed', unsubscribedAt: now, updatedAt: now },
        }),
        prisma.learnerLink.deleteMany({ where: { subscriberId: id } }),
      ]);
      return count > 0;
    },

    async setPreferences({ id, preferences, now }) {
      if (!isUuid(id)) return false;
      const { count } = await prisma.subscriber.updateMany({
        where: { id },
        data: { ...preferences, updatedAt: now },
      });
      return count > 0;
    },

    async addConsented({ email, consentSource, now }) {
      // A bounced or complained address stays off the list, even after its subscriber row was erased.
      if ((await prisma.emailSuppression.count({ where: { email } })) > 0) return 'suppressed';
      const created = await prisma.subscriber.createMany({
        data: [
          {
            email,
            status: 'active',
            consentSource,
            consentAt: now,
            confirmedAt: now,
            createdAt: now,
            updatedAt: now,
          },
        ],
        skipDuplicates: true,
      });
      if (created.count === 1) return 'added';
      // Only an unconfirmed request is upgraded; an unsubscribe or bounce is never overridden by an import.
      const activated = await prisma.subscriber.updateMany({
        where: { email, status: 'pending' },
        data: { status: 'active', consentSource, consentAt: now, confirmedAt: now, updatedAt: now },
      });
      if (activated.count === 1) return 'activated';
      const existing = await prisma.subscriber.findUnique({ where: { email }, select: { status: true } });
      return existing?.status === 'active' ? 'already-active' : 'suppressed';
    },

    async delete(id) {
      if (!isUuid(id)) return false;
      const { count } = await prisma.subscriber.deleteMany({ where: { id } });
      return count > 0;
    },

    async exportData(id) {
      if (!isUuid(id)) return null;
      const row = await prisma.subscriber.findUnique({
        where: { id },
        include: {
          deliveries: { include: { issue: { select: { weekKey: true } } }, orderBy: { createdAt: 'asc' } },
          learnerLinks: { orderBy: { linkedAt: 'asc' } },
          welcome: { select: { status: true, attempts: true, sentAt: true } },
        },
      });
      if (!row) return null;
      return {
        subscriber: toSubscriber(row),
        manageLinkSentAt: row.manageLinkSentAt,
        deliveries: row.deliveries.map((d) => ({
          weekKey: d.issue.weekKey,
          status: d.status,
          attempts: d.attempts,
          sentAt: d.sentAt,
          // Only a copy on the welcome track taught its own concept (decision 013).
          ...(d.conceptSlug ? { conceptSlug: d.conceptSlug } : {}),
        })),
        chatLearners: row.learnerLinks.map((l) => ({ learner: l.learner, linkedAt: l.linkedAt })),
        welcome: row.welcome,
      };
    },

    async conceptsSent({ id, beforeWeekKey }) {
      if (!isUuid(id)) return [];
      return prisma.$queryRaw<Array<{ conceptSlug: string; sentAt: Date }>>`
        SELECT COALESCE(d."conceptSlug", i."conceptSlug") AS "conceptSlug", d."sentAt"
        FROM "Delivery" d JOIN "DigestIssue" i ON i.id = d."issueId"
        WHERE d."subscriberId" = ${id}::uuid AND d.status = 'sent' AND d."sentAt" IS NOT NULL
          AND i."weekKey" < ${beforeWeekKey}
        ORDER BY d."createdAt" ASC, d.id ASC`;
    },

    async expirePending(createdBefore) {
      // Only never-confirmed requests: someone who unsubscribed and asked again stays `unsubscribed`, not pending.
      const { count } = await prisma.subscriber.deleteMany({
        where: { status: 'pending', createdAt: { lt: createdBefore }, confirmedAt: null },
      });
      return count;
    },

    async page({ afterId, limit, status }) {
      const rows = await prisma.subscriber.findMany({
        where: { ...(status ? { status } : {}), ...(afterId ? { id: { gt: afterId } } : {}) },
        orderBy: { id: 'asc' },
        take: limit,
      });
      return rows.map(toSubscriber);
    },

    async countByStatus() {
      const groups = await prisma.subscriber.groupBy({ by: ['status'], _count: { _all: true } });
      const counts: Record<SubscriberStatus, number> = { pending: 0, active: 0, unsubscribed: 0, bounced: 0 };
      for (const g of groups) counts[g.status] = g._count._all;
      return counts;
    },

    async search({ emailContains, status, limit }) {
      const rows = await prisma.subscriber.findMany({
        // Addresses are stored lower-cased, so a lower-cased needle is a case-insensitive match;
        // LIKE's own wildcards are escaped so "%" and "_" match themselves.
        where: {
          email: {
            contains: emailContains
              .trim()
              .toLowerCase()
              .replace(/[\\%_]/g, '\\$&'),
          },
          ...(status ? { status } : {}),
        },
        orderBy: { email: 'asc' },
        take: limit,
      });
      return rows.map(toSubscriber);
    },
  };
}
