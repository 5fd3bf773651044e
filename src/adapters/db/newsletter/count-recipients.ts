import type { DigestStore } from '../../../core/newsletter/ports.js';
import type { PrismaClient } from '../generated/client.js';

/**
 * How many subscribers an issue created now would go to: the same rule as
 * the snapshot in create-issue.ts (active, and the address not suppressed),
 * optionally only those whose consent (or sign-up, when none is recorded) is
 * no later than `consentedBy`.
 */
export async function countRecipients(
  prisma: PrismaClient,
  { consentedBy }: Parameters<DigestStore['countRecipients']>[0] = {},
): Promise<number> {
  const rows = await prisma.$queryRaw<Array<{ n: bigint | number }>>`
    SELECT count(*) AS n FROM "Subscriber" s
    WHERE s.status = 'active'
      AND NOT EXISTS (SELECT 1 FROM "EmailSuppression" x WHERE x.email = s.email)
      AND (${consentedBy ?? null}::timestamp IS NULL OR coalesce(s."consentAt", s."createdAt") <= ${consentedBy ?? null}::timestamp)`;
  return Number(rows[0]?.n ?? 0);
}
