import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { requireCsrf } from '../../security/csrf.js';
import type { WebDeps } from '../../web-deps.js';
import { registerArchivePages } from './archive.js';
import { registerAskFeedback } from './ask-feedback.js';
import { registerAskPage } from './ask-page.js';
import { registerConceptPage } from './concept-page.js';
import { registerHomePage } from './home.js';
import { registerUseCasePages } from './use-case-pages.js';

/** The public pages: home, concepts, use cases, and the Ask page with its feedback form. */
export function registerPublicRoutes(app: Hono, deps: WebDeps): void {
  registerHomePage(app, deps);
  registerConceptPage(app, deps);
  registerUseCasePages(app, deps);
  if (deps.container.newsletterRuntime) registerArchivePages(app, deps, deps.container.newsletterRuntime);
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
  app.use('/ask', requireCsrf());
  app.use('/ask/*', requireCsrf());
  registerAskPage(app, deps);
  registerAskFeedback(app, deps);
}
