import type { Hono } from 'hono';

/** A named readiness check; returns null when healthy or a short reason when not. */
export type ReadinessCheck = () => Promise<string | null>;

/**
 * `/healthz` answers while the process is alive; `/readyz` only when every
 * check passes (content loaded, database reachable), so a load balancer sends
 * traffic only to replicas that can answer.
 */
export function registerHealthRoutes(app: Hono, checks: Record<string, ReadinessCheck>): void {
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    const results = await Promise.all(
      Object.entries(checks).map(async ([name, check]) => {
        const problem = await check().catch((error: unknown) => String(error));
        return [name, problem ?? 'ok'] as const;
      }),
    );
    const ready = results.every(([, status]) => status === 'ok');
    return c.json(
      { status: ready ? 'ready' : 'not ready', checks: Object.fromEntries(results) },
      ready ? 200 : 503,
    );
  });
}
