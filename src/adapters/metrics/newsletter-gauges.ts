import type { NewsletterServices } from '../../core/newsletter/newsletter-services.js';
import type { MetricsRegistry } from './metrics-registry.js';

/**
 * The newsletter's gauges: deliveries of the latest issue and subscribers,
 * by status. They are snapshots refreshed in the background (see the metrics
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
