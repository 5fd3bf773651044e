import type { Hono } from 'hono';
import type { WebDeps } from '../web-deps.js';

/**
 * `/metrics` in the Prometheus text format: questions by platform and mode,
 * answer latency, tokens and feedback (counted in this process since it
 * started), and gauges read at scrape time: the library, deliveries of the
 * latest digest by status, subscribers by status. Like /healthz it is
 * unauthenticated; keep it off the public internet at the proxy.
 */
export function registerMetricsRoute(app: Hono, deps: WebDeps): void {
  const { metrics, library } = deps;
  metrics.gauge(
    'concept_tutor_library_articles',
    'Articles in the live content library, by kind.',
    async () => {
      const current = library.current();
      return [
        { labels: { kind: 'concept' }, value: current.concepts.length },
        { labels: { kind: 'use_case' }, value: current.useCases.length },
      ];
    },
  );
  metrics.gauge(
    'concept_tutor_library_problems',
    'Problems in the content folder; above 0 the last good library is still served.',
    async () => [{ labels: {}, value: library.problems().length }],
  );
  const { newsletter } = deps;
  if (newsletter) {
    metrics.gauge(
      'concept_tutor_digest_deliveries',
      'Deliveries of the latest digest issue, by status (pending, sending, sent, failed, skipped).',
      async () => {
        const issue = await newsletter.digests.latestIssue();
        if (!issue) return [];
        const counts = await newsletter.digests.counts(issue.id);
        return (['pending', 'sending', 'sent', 'failed', 'skipped'] as const).map((status) => ({
          labels: { week: issue.weekKey, status },
          value: counts[status],
        }));
      },
    );
    metrics.gauge('concept_tutor_subscribers', 'Newsletter subscribers, by status.', async () =>
      Object.entries(await newsletter.subscribers.countByStatus()).map(([status, value]) => ({
        labels: { status },
        value,
      })),
    );
  }
  app.get('/metrics', async (c) =>
    c.body(await metrics.render(), 200, {
      'Content-Type': 'text/plain; version=0.0.4; charset=utf-8',
      'Cache-Control': 'no-store',
    }),
  );
}
