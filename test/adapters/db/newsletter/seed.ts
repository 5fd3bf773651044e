import type { PrismaClient } from '../../../../src/adapters/db/generated/client.js';
import type { SubscriberStatus } from '../../../../src/core/newsletter/types.js';

/** Inserts subscribers directly (one statement), e.g. `seedSubscribers(prisma, 3, 'active', 'a')` → a0@example.com … */
export async function seedSubscribers(
  prisma: PrismaClient,
  count: number,
  status: SubscriberStatus,
  prefix: string,
  now = new Date('2026-11-01T00:00:00Z'),
): Promise<string[]> {
  const emails = Array.from({ length: count }, (_, i) => `${prefix}${i}@example.com`);
  await prisma.subscriber.createMany({
    data: emails.map((email) => ({
      email,
      status,
      consentSource: 'test',
      consentAt: now,
      createdAt: now,
      updatedAt: now,
    })),
  });
  return emails;
}
