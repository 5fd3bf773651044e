import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { registerAssetRoutes } from './render/assets.js';
import { errorResponse, handleWebError } from './render/error-page.js';
import { privateByDefault } from './render/page-response.js';
import { registerAdminRoutes } from './routes/admin/index.js';
import { registerHealthRoutes } from './routes/health.js';
import { registerMetricsRoute } from './routes/metrics.js';
import { registerNewsletterRoutes } from './routes/newsletter/index.js';
import { registerPublicRoutes, registerSharedPages } from './routes/public/index.js';
import { registerWebhookRoutes } from './routes/webhooks/index.js';
import { createRateLimiter, publicPostRateLimit } from './security/rate-limit.js';
import { webSecureHeaders } from './security/secure-headers.js';
import { visitorMiddleware } from './security/visitor.js';
import type { WebDeps } from './web-deps.js';

/** Paths whose POSTs must never be rate limited: RFC 8058 one-click unsubscribes come from mail providers' shared IPs. */
const RATE_LIMIT_EXEMPT = /^\/newsletter\/unsubscribe\/?$/;

/** No request body anywhere is larger than this; each area sets a tighter limit of its own. */
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Builds the HTTP app. Order matters in Hono: operational endpoints, assets
 * and the pages that are the same for every visitor (articles, use cases,
 * the archive: cached, with ETag and Cache-Control) answer before the visitor
 * cookie and rate limit run; then the pages for one visitor (home, Ask, the
 * newsletter's pages, the admin console), which nothing may cache.
 */
export function createWebApp(deps: WebDeps): Hono {
  const app = new Hono();
  const { settings } = deps;

  app.use('*', webSecureHeaders({ hsts: settings.publicUrlIsHttps }));
  const limitBody = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new HTTPException(413, { message: 'That request is too large.' });
    },
  });
  // No route reads the body of a GET or HEAD, so there is nothing to limit; and asking
  // bodyLimit to look makes @hono/node-server build a whole fetch Request for every page view.
  app.use('*', (c, next) =>
    c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : limitBody(c, next),
  );
  registerHealthRoutes(app, deps.readiness);
  registerMetricsRoute(app, deps);
  // Providers post from shared IPs with no cookies: before the visitor cookie and the rate limit.
  registerWebhookRoutes(app, deps);
  registerAssetRoutes(app, deps.assets);
  registerSharedPages(app, deps);

  app.use('*', privateByDefault());
  app.use('*', visitorMiddleware(settings));
  app.use(
    '*',
    publicPostRateLimit({
      limiter: createRateLimiter({
        limit: settings.publicRateLimit,
        windowMs: 60_000,
        clock: deps.clock,
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
