import { errorFields } from '../../core/errors.js';
import type { ServiceModule } from '../../service-module.js';

/** How often background gauges (subscribers, deliveries) are recomputed, by default. */
export const METRICS_REFRESH_MS = 60_000;

/**
 * Refreshes the registry's snapshot gauges at start and then every
 * `refreshEveryMs`, off the request path: /metrics only reads the last
 * snapshot, so no scrape costs a database query and none reflects a single
 * request the moment it happens.
 */
export function createMetricsModule(options: { refreshEveryMs?: number } = {}): ServiceModule {
  const every = options.refreshEveryMs ?? METRICS_REFRESH_MS;
  return {
    name: 'metrics',
    status: (container) => ({
      on: true,
      detail: `/metrics ${container.config.METRICS_TOKEN ? 'needs METRICS_TOKEN' : 'is open (set METRICS_TOKEN to protect it)'}; gauges refreshed every ${Math.round(every / 1000)} s`,
    }),
    async start({ container }) {
      const { metrics, logger } = container;
      let running: Promise<void> | null = null;
      // A slow database must not pile refreshes up: one at a time.
      const refresh = () =>
        (running ??= metrics
          .refreshSnapshots()
          .catch((error: unknown) =>
            logger.error('refreshing gauges failed', { component: 'metrics', ...errorFields(error) }),
          )
          .finally(() => {
            running = null;
          }));
      await refresh();
      const timer = setInterval(() => void refresh(), every);
      timer.unref();
      return {
        async stop() {
          clearInterval(timer);
          await running;
        },
      };
    },
  };
}

/** The module with the default refresh interval. */
export const metricsModule: ServiceModule = createMetricsModule();
