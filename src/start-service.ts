import { Hono } from 'hono';
import { createWebApp } from './adapters/web/create-web-app.js';
import { type HttpServer, type RawMount, startHttpServer } from './adapters/web/http-server.js';
import { webDepsFrom } from './adapters/web/web-deps-from.js';
import type { Config } from './config/env-schema.js';
import { type Container, createContainer } from './container.js';
import { errorFields } from './core/errors.js';
import type { Clock, Logger } from './core/ports.js';
import type { ServiceModule, StartedModule } from './service-module.js';
import { serviceModules } from './service-modules.js';

/** Once the drain budget is spent, how long aborted work gets to post its apologies. */
export const APOLOGY_GRACE_MS = 5_000;

/** A running service. */
export interface RunningService {
  container: Container;
  http: HttpServer;
  /**
   * A graceful stop: stops taking new work, waits up to SHUTDOWN_DRAIN_SECONDS
   * for the work in flight (answers on every surface, digest messages), then
   * aborts what is left so it finishes with an apology, and closes everything.
   */
  stop(): Promise<void>;
}

/**
 * Fails fast, with the same clear message as the real listen, when the port
 * is taken: before the database is opened and migrated, which can take seconds.
 */
async function checkPortIsFree(config: Config, logger: Logger): Promise<void> {
  if (config.PORT === 0) return;
  const probe = await startHttpServer({ app: new Hono(), port: config.PORT, host: config.HOST, logger });
  await probe.close();
}

/**
 * Starts everything: content, database (applying pending migrations), the
 * HTTP server and every configured module, then logs one line saying what is
 * on and what is off.
 */
export async function startService(options: {
  config: Config;
  logger: Logger;
  clock?: Clock;
  modules?: readonly ServiceModule[];
}): Promise<RunningService> {
  const { config, logger } = options;
  const startedAt = performance.now();
  await checkPortIsFree(config, logger);
  const container = await createContainer({ config, logger, clock: options.clock });
  const started: StartedModule[] = [];
  const mounts: RawMount[] = [];
  const summary: string[] = [];
  try {
    for (const module of options.modules ?? serviceModules) {
      const status = module.status(container);
      summary.push(`${module.name}: ${status.on ? 'on' : 'off'} (${status.detail})`);
      if (!status.on) continue;
      started.push(await module.start({ container, mount: (m) => mounts.push(m) }));
    }
    const http = await startHttpServer({
      app: createWebApp(webDepsFrom(container)),
      mounts,
      port: config.PORT,
      host: config.HOST,
      logger,
    });
    const library = container.content.store.current();
    logger.info(
      `concept-tutor ready on http://${config.HOST}:${http.port} in ${Math.round(performance.now() - startedAt)} ms — ` +
        [
          `library: ${library.concepts.length} concepts, ${library.useCases.length} use cases`,
          `answers: ${container.llm ? `on (${container.llm.name})` : 'extractive only (set ANTHROPIC_API_KEY, or LLM_PROVIDER=openai with OPENAI_MODEL, for AI answers)'}`,
          `database: ${container.database?.description ?? 'none'}`,
          ...summary,
        ].join('; '),
    );
    let stopping: Promise<void> | undefined;
    return {
      container,
      http,
      stop() {
        stopping ??= stopGracefully({ container, http, started, logger });
        return stopping;
      },
    };
  } catch (error) {
    for (const module of started.reverse()) await module.stop().catch(() => {});
    await container.close();
    throw error;
  }
}

/** The one drain of the whole service; see {@link RunningService.stop}. */
async function stopGracefully(options: {
  container: Container;
  http: HttpServer;
  started: StartedModule[];
  logger: Logger;
}): Promise<void> {
  const { container, http, started, logger } = options;
  const { inFlight } = container;
  const budgetMs = container.config.SHUTDOWN_DRAIN_SECONDS * 1000;
  // No new connections; requests already in progress (a streaming answer) carry on.
  const httpClosed = new Promise<void>((resolve) => http.server.close(() => resolve()));
  http.server.closeIdleConnections();
  for (const module of started)
    await module
      .quiesce?.()
      .catch((e: unknown) => logger.error('module failed to stop taking work', errorFields(e)));

  if (inFlight.size > 0)
    logger.info('waiting for work in flight before stopping', {
      inFlight: inFlight.size,
      drainSeconds: container.config.SHUTDOWN_DRAIN_SECONDS,
    });
  if (!(await inFlight.drain(budgetMs))) {
    logger.warn('the drain budget ran out; finishing what is left with an apology', {
      inFlight: inFlight.size,
      drainSeconds: container.config.SHUTDOWN_DRAIN_SECONDS,
    });
    inFlight.abort();
    if (!(await inFlight.drain(APOLOGY_GRACE_MS)))
      logger.warn('stopped with work still running', { inFlight: inFlight.size });
  }

  // Responses finished a moment ago may still be on their way out: a short wait, then close for good.
  http.server.closeIdleConnections();
  await Promise.race([httpClosed, new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
  await http.close();
  for (const module of started.reverse())
    await module.stop().catch((e: unknown) => logger.error('module failed to stop', errorFields(e)));
  await container.close();
}
