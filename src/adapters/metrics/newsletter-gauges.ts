import type { NewsletterServices } from '../../core/newsletter/newsletter-services.js';
import type { MetricsRegistry } from './metrics-registry.js';

/** Issues the click gauge reports, newest first: enough to compare this week with the last few. */
const CLICK_ISSUES = 4;

/**
 * The newsletter's gauges: deliveries of the latest issue and subscribers,
 * by status, and link clicks of the newest issues. They are snapshots refreshed in the background (see the metrics
 * module), never read per scrape: a subscribe naming a new address adds a
 * pending subscriber, and a public figure that moved at once would tell
 * whoever sent it whether the address was already known.
 */
export function registerNewsletterGauges(registry: MetricsRegistry, services: NewsletterServices): void {
  registry.snapshotGauge(
    'concept_tutor_digest_deliveries',
    'Deliveries of the latest digest issue, by status (pending, sending, sent, failed, skipped); refreshed in the background.',
    async () => {
      const latest = await services.digest.status({ failureLimit: 0 });
      if (!latest) return [];
      return (['pending', 'sending', 'sent', 'failed', 'skipped'] as const).map((status) => ({
        labels: { week: latest.issue.weekKey, status },
        value: latest.counts[status],
      }));
    },
  );
  const clicks = services.clicks;
  if (clicks) {
    registry.snapshotGauge(
      'concept_tutor_digest_link_clicks',
      `Counted digest link clicks of the newest ${CLICK_ISSUES} issues with any, by week and link kind (archive, concept, use-case, concept-link, use-case-link); aggregate only, refreshed in the background.`,
      async () => {
        const { issues } = await clicks.stats();
        return issues.slice(0, CLICK_ISSUES).flatMap((issue) => {
          // An article's own links are told apart by a hash; the kind alone keeps the label set small.
          const byKind = new Map<string, number>();
          for (const { link, clicks: n } of issue.links) {
            const kind = link.split(':')[0]!;
            byKind.set(kind, (byKind.get(kind) ?? 0) + n);
          }
          return [...byKind].map(([link, value]) => ({ labels: { week: issue.weekKey, link }, value }));
        });
      },
    );
  }
  registry.snapshotGauge(
    'concept_tutor_subscribers',
    'Newsletter subscribers, by status; refreshed in the background.',
    async () =>
      Object.entries(await services.subscribers.counts()).map(([status, value]) => ({
        labels: { status },
        value,
      })),
  );
}
