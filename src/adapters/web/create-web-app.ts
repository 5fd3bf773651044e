import { Hono } from 'hono';
import type { Container } from '../../container.js';
import { registerHealthRoutes } from './routes/health.js';

/** Builds the HTTP app: operational endpoints now; public pages and admin register here too. */
export function createWebApp(container: Container): Hono {
  const app = new Hono();
  registerHealthRoutes(app, {
    content: async () => (container.content.store.current().concepts.length > 0 ? null : 'no concepts loaded'),
    database: async () => (container.database ? container.database.ping() : null),
  });
  app.notFound((c) => c.text('Not found', 404));
  app.onError((error, c) => {
    container.logger.error('web request failed', { path: c.req.path, error: String(error) });
    return c.text('Something went wrong on our side.', 500);
  });
  return app;
}
