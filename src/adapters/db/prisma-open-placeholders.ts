import type { Clock, OpenPlaceholders, Platform } from '../../core/ports.js';
import type { PrismaClient } from './generated/client.js';

/**
 * {@link OpenPlaceholders} on the `OpenPlaceholder` table. `takeStale` claims
 * each row with its own DELETE, so when several replicas sweep at once each
 * placeholder is finished by exactly one of them.
 */
export function createPrismaOpenPlaceholders(
  prisma: PrismaClient,
  options: { clock?: Clock } = {},
): OpenPlaceholders {
  return {
    async add({ platform, channel, messageId, kind, threadTs }) {
      await prisma.openPlaceholder.createMany({
        data: [
          {
            platform,
            channel,
            messageId,
            kind: kind ?? 'message',
            threadTs: threadTs ?? null,
            ...(options.clock ? { createdAt: options.clock.now() } : {}),
          },
        ],
        skipDuplicates: true,
      });
    },
    async remove({ platform, channel, messageId }) {
      await prisma.openPlaceholder.deleteMany({ where: { platform, channel, messageId } });
    },
    async takeStale(platform: Platform, olderThan: Date) {
      const rows = await prisma.openPlaceholder.findMany({
        where: { platform, createdAt: { lt: olderThan } },
        orderBy: { createdAt: 'asc' },
        take: 100,
      });
      const taken = [];
      for (const { channel, messageId, kind, threadTs } of rows) {
        const { count } = await prisma.openPlaceholder.deleteMany({
          where: { platform, channel, messageId },
        });
        if (count === 1)
          taken.push({
            platform,
            channel,
            messageId,
            kind: kind as 'message' | 'stream' | 'status',
            ...(threadTs ? { threadTs } : {}),
          });
      }
      return taken;
    },
  };
}
