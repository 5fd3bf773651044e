import type { EventDeduper } from '../../core/ports.js';
import type { PrismaClient } from './generated/client.js';

/** An {@link EventDeduper} that remembers across restarts and replicas, with a way to forget old keys. */
export interface PrismaEventDeduper extends EventDeduper {
  /** Deletes keys claimed before `olderThan`; returns how many. Retries arrive within minutes, so keep a day or so. */
  prune(olderThan: Date): Promise<number>;
}

/**
 * The {@link EventDeduper} on the `ProcessedEvent` table. A claim is one
 * `INSERT … ON CONFLICT DO NOTHING`: the primary key decides, so exactly one
 * caller wins however many processes race, with no transaction or lock.
 */
export function createPrismaEventDeduper(prisma: PrismaClient): PrismaEventDeduper {
  return {
    async claim(key) {
      // createMany with skipDuplicates is Prisma's ON CONFLICT DO NOTHING; count is 0 when the key existed.
      const { count } = await prisma.processedEvent.createMany({ data: [{ key }], skipDuplicates: true });
      return count === 1;
    },
    async prune(olderThan) {
      const { count } = await prisma.processedEvent.deleteMany({ where: { createdAt: { lt: olderThan } } });
      return count;
    },
  };
}
