import type { SuppressionStore } from '../../../core/newsletter/bounce-events.js';
import type { PrismaClient } from '../generated/client.js';

/** `lastError` of a subscriber a bounce or complaint suppressed; admins see it on the subscriber page. */
const lastErrorFor = (reason: string, provider: string, detail: string) =>
  `suppressed (${reason} via ${provider})${detail ? `: ${detail}` : ''}`.slice(0, 500);

/**
 * The {@link SuppressionStore} on BounceEvent and EmailSuppression. The event
 * insert is ON CONFLICT DO NOTHING on (provider, eventId, email), so a retry
 * or a replay is a no-op even when two arrive at once on two replicas.
 */
export function createPrismaSuppressionStore(prisma: PrismaClient): SuppressionStore {
  return {
    async record(event, { now, policy }) {
      return prisma.$transaction(async (tx) => {
        const inserted = await tx.bounceEvent.createMany({
          data: [
            {
              provider: event.provider,
              eventId: event.eventId,
              email: event.email,
              kind: event.kind,
              occurredAt: event.occurredAt,
              receivedAt: now,
              detail: event.detail,
            },
          ],
          skipDuplicates: true,
        });
        if (inserted.count === 0) return 'duplicate';
        let reason: string | null = event.kind === 'soft-bounce' ? null : event.kind;
        if (!reason) {
          const since = new Date(now.getTime() - policy.windowDays * 86_400_000);
          const soft = await tx.bounceEvent.count({
            where: { email: event.email, kind: 'soft-bounce', occurredAt: { gte: since } },
          });
          if (soft < policy.threshold) return 'recorded';
          reason = 'soft-bounces';
        }
        const suppressed = await tx.emailSuppression.createMany({
          data: [
            { email: event.email, reason, provider: event.provider, detail: event.detail, createdAt: now },
          ],
          skipDuplicates: true,
        });
        // The subscriber (if any) shows as bounced in the admin console, and the claim step skips it.
        await tx.subscriber.updateMany({
          where: { email: event.email, status: { in: ['active', 'pending'] } },
          data: {
            status: 'bounced',
            bouncedAt: now,
            lastError: lastErrorFor(reason, event.provider, event.detail),
            updatedAt: now,
          },
        });
        return suppressed.count === 1 ? 'suppressed' : 'already-suppressed';
      });
    },

    async isSuppressed(email) {
      return (await prisma.emailSuppression.count({ where: { email } })) > 0;
    },

    async list({ limit }) {
      const rows = await prisma.emailSuppression.findMany({ orderBy: { createdAt: 'desc' }, take: limit });
      return rows.map((r) => ({ ...r }));
    },

    count: () => prisma.emailSuppression.count(),
  };
}
