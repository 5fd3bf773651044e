import { createWebApp } from './adapters/web/create-web-app.js';
import { type HttpServer, type RawMount, startHttpServer } from './adapters/web/http-server.js';
import type { Config } from './config/env-schema.js';
import { type Container, createContainer } from './container.js';
import type { Clock, Logger } from './core/ports.js';
import type { ServiceModule } from './service-module.js';
import { serviceModules } from './service-modules.js';

/** A running service. */
export interface RunningService {
  container: Container;
  http: HttpServer;
  stop(): Promise<void>;
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
  const container = await createContainer({ config, logger, clock: options.clock });
  const stops: Array<() => Promise<void>> = [];
  const mounts: RawMount[] = [];
  const summary: string[] = [];
  try {
    for (const module of options.modules ?? serviceModules) {
      const status = module.status(container);
      summary.push(`${module.name}: ${status.on ? 'on' : 'off'} (${status.detail})`);
      if (!status.on) continue;
      const started = await module.start({ container, mount: (m) => mounts.push(m) });
      stops.push(() => started.stop());
    }
    const http = await startHttpServer({
      app: createWebApp(container),
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
    return {
      container,
      http,
      async stop() {
        await http.close();
        for (const stop of stops.reverse())
          await stop().catch((e: unknown) => logger.error('module failed to stop', { error: String(e) }));
        await container.close();
      },
    };
  } catch (error) {
    for (const stop of stops.reverse()) await stop().catch(() => {});
    await container.close();
    throw error;
  }
}
