import { Hono } from 'hono';
import type { Container } from '../../container.js';
import { registerAssetRoutes } from './render/assets.js';
import { errorResponse, handleWebError } from './render/error-page.js';
import { registerAdminRoutes } from './routes/admin/index.js';
import { registerHealthRoutes } from './routes/health.js';
import { registerMetricsRoute } from './routes/metrics.js';
import { registerNewsletterRoutes } from './routes/newsletter/index.js';
import { registerPublicRoutes } from './routes/public/index.js';
import { createRateLimiter, publicPostRateLimit } from './security/rate-limit.js';
import { webSecureHeaders } from './security/secure-headers.js';
import { visitorMiddleware } from './security/visitor.js';
import type { WebDeps } from './web-deps.js';
import { type WebSettings, webSettingsFrom } from './web-settings.js';

/** Paths whose POSTs must never be rate limited: RFC 8058 one-click unsubscribes come from mail providers' shared IPs. */
const RATE_LIMIT_EXEMPT = /^\/newsletter\/unsubscribe\/?$/;

/**
 * Builds the HTTP app. Order matters in Hono: operational endpoints and
 * assets answer before the visitor cookie and rate limit run; then public
 * pages, the newsletter's pages and the admin console.
 */
export function createWebApp(container: Container, options: { settings?: WebSettings } = {}): Hono {
  const app = new Hono();
  const settings = options.settings ?? webSettingsFrom(container.config);
  const deps: WebDeps = { container, settings };

  app.use('*', webSecureHeaders({ hsts: settings.publicUrlIsHttps }));
  registerHealthRoutes(app, {
    content: async () =>
      container.content.store.current().concepts.length > 0 ? null : 'no concepts loaded',
    database: async () => (container.database ? container.database.ping() : null),
  });
  registerMetricsRoute(app, deps);
  registerAssetRoutes(app);

  app.use('*', visitorMiddleware(settings));
  app.use(
    '*',
    publicPostRateLimit({
      limiter: createRateLimiter({
        limit: settings.publicRateLimit,
        windowMs: 60_000,
        clock: container.clock,
      }),
      trustedProxies: settings.trustedProxies,
      // Admin actions need a session; only the login form counts as public.
      exempt: (path) =>
        RATE_LIMIT_EXEMPT.test(path) || (path.startsWith('/admin/') && path !== '/admin/login'),
    }),
  );
  registerPublicRoutes(app, deps);
  registerNewsletterRoutes(app, deps);
  registerAdminRoutes(app, deps);

  app.notFound((c) => errorResponse(c, deps, 404, 'There is nothing at this address.'));
  app.onError((error, c) => handleWebError(error, c, deps));
  return app;
}
