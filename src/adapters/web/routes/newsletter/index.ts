import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { formBody } from '../../request/read-form.js';
import { requireCsrf } from '../../security/csrf.js';
import type { WebDeps } from '../../web-deps.js';
import { registerConfirmRoutes } from './confirm-routes.js';
import { registerManageRoutes } from './manage-routes.js';
import { registerSubscribeRoutes } from './subscribe-routes.js';
import { registerUnsubscribeRoutes } from './unsubscribe-routes.js';

/**
 * The newsletter's public pages under /newsletter: subscribe (double opt-in),
 * confirm, unsubscribe (RFC 8058 one-click) and data export/deletion. Nothing
 * is registered while the newsletter is unavailable (no database). Each
 * feature is `<feature>-routes.ts` with its `<feature>-view.ts`.
 */
export function registerNewsletterRoutes(app: Hono, deps: WebDeps): void {
  const { newsletter } = deps;
  if (!newsletter) return;
  app.use(
    '/newsletter/*',
    bodyLimit({
      maxSize: 8 * 1024,
      onError: () => {
        throw new HTTPException(413, { message: 'That form was too large.' });
      },
    }),
  );
  app.use('/newsletter/*', formBody());
  // Forms that act on an address typed in need a CSRF token: another site must not sign people up.
  // Token links (confirm, unsubscribe, data) carry their own proof, and one-click unsubscribe has no cookies.
  app.use('/newsletter/subscribe', requireCsrf());
  app.on('POST', '/newsletter/manage', requireCsrf());
  registerSubscribeRoutes(app, deps, newsletter);
  registerConfirmRoutes(app, deps, newsletter);
  registerUnsubscribeRoutes(app, deps, newsletter);
  registerManageRoutes(app, deps, newsletter);
}
