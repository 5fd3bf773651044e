import { createHash, timingSafeEqual } from 'node:crypto';
import type { Hono } from 'hono';
import type { WebDeps } from '../web-deps.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest();

/**
 * `/metrics` in the Prometheus text format: questions by platform and mode,
 * answer latency, tokens and feedback (counted in this process since it
 * started), the library (read at scrape time), and the newsletter's
 * subscribers and deliveries (snapshots the metrics module refreshes every
 * minute, so no figure moves the moment one visitor subscribes). With
 * METRICS_TOKEN set it needs `Authorization: Bearer <token>`; without, it is
 * open like /healthz, and belongs off the public internet at the proxy.
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
  // Only the token's hash is kept; comparing hashes of equal length keeps the check constant-time.
  const expected = deps.settings.metricsTokenHash;
  app.get('/metrics', async (c) => {
    if (expected) {
      const presented = /^Bearer +(\S+) *$/i.exec(c.req.header('authorization') ?? '')?.[1];
      if (!presented || !timingSafeEqual(sha256(presented), expected))
        return c.text('Unauthorized: send the METRICS_TOKEN as "Authorization: Bearer <token>".\n', 401, {
          'WWW-Authenticate': 'Bearer realm="metrics"',
          'Cache-Control': 'no-store',
        });
    }
    return c.body(await metrics.render(), 200, {
      'Content-Type': 'text/plain; version=0.0.4; charset=utf-8',
      'Cache-Control': 'no-store',
    });
  });
}
