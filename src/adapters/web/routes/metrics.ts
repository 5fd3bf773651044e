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
  const { container } = deps;
  container.metrics.gauge(
    'concept_tutor_library_articles',
    'Articles in the live content library, by kind.',
    async () => {
      const library = container.content.store.current();
      return [
        { labels: { kind: 'concept' }, value: library.concepts.length },
        { labels: { kind: 'use_case' }, value: library.useCases.length },
      ];
    },
  );
  container.metrics.gauge(
    'concept_tutor_library_problems',
    'Problems in the content folder; above 0 the last good library is still served.',
    async () => [{ labels: {}, value: container.content.store.problems().length }],
  );
  const newsletter = container.newsletterRuntime;
  if (newsletter) {
    container.metrics.gauge(
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
    container.metrics.gauge('concept_tutor_subscribers', 'Newsletter subscribers, by status.', async () =>
      Object.entries(await newsletter.subscribers.countByStatus()).map(([status, value]) => ({
        labels: { status },
        value,
      })),
    );
  }
  app.get('/metrics', async (c) =>
    c.body(await container.metrics.render(), 200, {
      'Content-Type': 'text/plain; version=0.0.4; charset=utf-8',
      'Cache-Control': 'no-store',
    }),
  );
}
