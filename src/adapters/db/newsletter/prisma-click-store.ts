import type { ClickStore } from '../../../core/newsletter/click-store.js';
import type { PrismaClient } from '../generated/client.js';

/**
 * The {@link ClickStore} on LinkClick and LinkClickSeen. A click is one
 * statement, so one transaction: insert its dedupe key (ON CONFLICT DO
 * NOTHING), then increment the (issue, concept, link) counter only if the
 * key was new and the week's issue went out (an upsert, so the
 * first click and concurrent clicks on any number of replicas all add one).
 * A crash leaves either both writes or neither.
 */
export function createPrismaClickStore(prisma: PrismaClient): ClickStore {
  return {
    async record({ weekKey, conceptSlug, link, url, dedupeKey, dedupeUntil, now }) {
      const rows = await prisma.$queryRaw<Array<{ clicks: number }>>`
        WITH fresh AS (
          INSERT INTO "LinkClickSeen" (key, "expiresAt") VALUES (${dedupeKey}, ${dedupeUntil})
          ON CONFLICT (key) DO NOTHING
          RETURNING key
        ), issue AS (
          SELECT id FROM "DigestIssue" WHERE "weekKey" = ${weekKey} AND status IN ('sending', 'sent')
        )
        INSERT INTO "LinkClick" ("issueId", "conceptSlug", link, url, clicks, "firstAt", "lastAt")
        SELECT issue.id, ${conceptSlug}, ${link}, ${url.slice(0, 2000)}, 1, ${now}, ${now} FROM issue, fresh
        ON CONFLICT ("issueId", "conceptSlug", link) DO UPDATE
          SET clicks = "LinkClick".clicks + 1, "lastAt" = EXCLUDED."lastAt", url = EXCLUDED.url
        RETURNING clicks`;
      return rows.length > 0;
    },

    async pruneSeen(now) {
      const { count } = await prisma.linkClickSeen.deleteMany({ where: { expiresAt: { lte: now } } });
      return count;
    },

    async totals() {
      const rows = await prisma.linkClick.findMany({
        include: { issue: { select: { weekKey: true } } },
        orderBy: [{ issue: { weekKey: 'desc' } }, { clicks: 'desc' }],
      });
      return rows.map((r) => ({
        weekKey: r.issue.weekKey,
        conceptSlug: r.conceptSlug,
        link: r.link,
        url: r.url,
        clicks: r.clicks,
      }));
    },
  };
}
