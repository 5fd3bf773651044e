import type { LearnerLinkStore } from '../../core/practice/learner-links.js';
import type { PrismaClient } from './generated/client.js';

/**
 * The {@link LearnerLinkStore} on Prisma: one row per chat learner (its
 * primary key), so a learner links to one subscriber and concurrent links
 * from several replicas settle on one row. Rows go with the subscriber
 * (ON DELETE CASCADE) and are deleted on unsubscribe by the subscriber store.
 */
export function createPrismaLearnerLinkStore(prisma: PrismaClient): LearnerLinkStore {
  return {
    async linkByEmail({ learner, email, now }) {
      const subscriber = await prisma.subscriber.findUnique({ where: { email }, select: { id: true } });
      if (!subscriber) return null;
      await prisma.learnerLink.upsert({
        where: { learner },
        create: { learner, subscriberId: subscriber.id, linkedAt: now },
        update: { subscriberId: subscriber.id, linkedAt: now },
      });
      return subscriber.id;
    },
    async subscriberOf(learner) {
      const row = await prisma.learnerLink.findUnique({ where: { learner }, select: { subscriberId: true } });
      return row?.subscriberId ?? null;
    },
  };
}
