import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { formBody } from '../../request/read-form.js';
import { requireAdmin } from '../../security/admin-session.js';
import { requireCsrf } from '../../security/csrf.js';
import type { WebDeps } from '../../web-deps.js';
import { registerContentEditor } from './content-editor-routes.js';
import { registerContentList } from './content-list-routes.js';
import { registerDigestAdmin } from './digest-routes.js';
import { registerLearningPage } from './learning-routes.js';
import { registerAdminLogin } from './login-routes.js';
import { registerAdminOverview } from './overview-routes.js';
import { registerQuestionsPage } from './questions-routes.js';
import { registerSubscribersAdmin } from './subscribers-routes.js';

/**
 * The admin console under /admin, behind ADMIN_TOKEN. Without a token none
 * of these routes exist (404) and one startup line says how to turn it on.
 * Every POST needs the CSRF token; every route but login needs a session.
 * Each feature is `<feature>-routes.ts`, `<feature>-loader.ts` (what the
 * page reads) and `<feature>-view.ts` (how it looks), as in the public area.
 */
export function registerAdminRoutes(app: Hono, deps: WebDeps): void {
  const { logger, settings, clock } = deps;
  if (!settings.adminTokenHash) {
    logger.info(
      'admin console: off (set ADMIN_TOKEN to turn it on; generate one with: openssl rand -base64 32)',
    );
    return;
  }
  app.use(
    '/admin/*',
    bodyLimit({
      maxSize: 1024 * 1024,
      onError: () => {
        throw new HTTPException(413, { message: 'That request is too large.' });
      },
    }),
  );
  app.use('/admin', formBody());
  app.use('/admin/*', formBody());
  app.use('/admin', requireCsrf());
  app.use('/admin/*', requireCsrf());
  registerAdminLogin(app, deps);
  app.use('/admin', requireAdmin(settings, clock));
  app.use('/admin/*', requireAdmin(settings, clock));
  registerAdminOverview(app, deps);
  registerContentList(app, deps);
  registerContentEditor(app, deps);
  registerQuestionsPage(app, deps);
  registerLearningPage(app, deps);
  const { newsletter } = deps;
  if (newsletter) {
    registerDigestAdmin(app, deps, newsletter);
    registerSubscribersAdmin(app, deps, newsletter);
  } else {
    const off = () => {
      throw new HTTPException(404, {
        message: 'The newsletter needs a database; it is off in this process.',
      });
    };
    app.get('/admin/digest', off);
    app.get('/admin/subscribers', off);
  }
}
