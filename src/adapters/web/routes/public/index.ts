import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { formBody } from '../../request/read-form.js';
import { requireCsrf } from '../../security/csrf.js';
import type { WebDeps } from '../../web-deps.js';
import { registerArchivePages } from './archive-routes.js';
import { registerAskFeedback } from './ask-feedback-routes.js';
import { registerAskPage } from './ask-routes.js';
import { registerConceptPage } from './concept-routes.js';
import { registerHomePage } from './home-routes.js';
import { registerPracticePage } from './practice-routes.js';
import { registerUseCasePages } from './use-case-routes.js';

/**
 * The public pages: home, concepts, use cases, the archive, and the Ask page
 * with its feedback form. Each feature is `<feature>-routes.ts` (HTTP in and
 * out), `<feature>-loader.ts` (reads what the page shows) and
 * `<feature>-view.ts` (renders it), as in the newsletter and admin areas.
 */
export function registerPublicRoutes(app: Hono, deps: WebDeps): void {
  registerHomePage(app, deps);
  registerConceptPage(app, deps);
  registerUseCasePages(app, deps);
  if (deps.newsletter) registerArchivePages(app, deps, deps.newsletter);
  // A question is at most a few KB; the limit stops anyone from making us buffer megabytes.
  app.use(
    '/ask',
    bodyLimit({
      maxSize: 64 * 1024,
      onError: () => {
        throw new HTTPException(413, { message: 'That question is too long.' });
      },
    }),
  );
  app.use(
    '/ask/*',
    bodyLimit({
      maxSize: 16 * 1024,
      onError: () => {
        throw new HTTPException(413, { message: 'That feedback is too long.' });
      },
    }),
  );
  app.use('/ask', formBody());
  app.use('/ask/*', formBody());
  app.use('/ask', requireCsrf());
  app.use('/ask/*', requireCsrf());
  registerAskPage(app, deps);
  registerAskFeedback(app, deps);
  // An answer is a few short fields; per-visitor, CSRF-checked like /ask.
  app.use(
    '/practice',
    bodyLimit({
      maxSize: 4 * 1024,
      onError: () => {
        throw new HTTPException(413, { message: 'That answer is too long.' });
      },
    }),
  );
  app.use('/practice', formBody());
  app.use('/practice', requireCsrf());
  registerPracticePage(app, deps);
}
