import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { formBody } from '../../request/read-form.js';
import { requireCsrf } from '../../security/csrf.js';
import type { WebDeps } from '../../web-deps.js';
import { registerArchivePages } from './archive-routes.js';
import { registerAskFeedback } from './ask-feedback-routes.js';
import { registerAskPage } from './ask-routes.js';
import { registerClickRedirect } from './click-routes.js';
import { registerConceptPage } from './concept-routes.js';
import { registerExplainPage } from './explain-routes.js';
import { registerHomePage } from './home-routes.js';
import { registerPracticeEmailPage } from './practice-email-routes.js';
import { registerPracticePage } from './practice-routes.js';
import { registerUseCasePages } from './use-case-routes.js';

/**
 * The pages that are the same for every visitor: concepts, use cases and the
 * archive. They carry no form, no CSRF token and no cookie, so createWebApp
 * registers them before the visitor cookie, and they may be cached. Each
 * feature here is `<feature>-routes.ts` (HTTP in and out),
 * `<feature>-loader.ts` (reads what the page shows) and `<feature>-view.ts`
 * (renders it), as in the newsletter and admin areas.
 */
export function registerSharedPages(app: Hono, deps: WebDeps): void {
  registerConceptPage(app, deps);
  registerUseCasePages(app, deps);
  if (deps.newsletter) registerArchivePages(app, deps, deps.newsletter);
  // The digest's counted links: no cookie, no form, never cached (the route says so itself).
  if (deps.newsletter?.clicks) registerClickRedirect(app, deps, deps.newsletter.clicks);
}

/**
 * The public pages for one visitor: home (its question box carries the CSRF
 * token) and the Ask page with its feedback form. Registered after the
 * visitor cookie; never cached (see createWebApp).
 */
export function registerPublicRoutes(app: Hono, deps: WebDeps): void {
  registerHomePage(app, deps);
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
  // An explanation is at most 1,200 characters; per-visitor and CSRF-checked like /practice.
  app.use(
    '/explain/*',
    bodyLimit({
      maxSize: 16 * 1024,
      onError: () => {
        throw new HTTPException(413, {
          message: 'That explanation is too long (the limit is 1,200 characters).',
        });
      },
    }),
  );
  app.use('/explain/*', formBody());
  app.use('/explain/*', requireCsrf());
  registerExplainPage(app, deps);
  // The digest's "Check yourself" links: the signed token says whose answer it is, the form token that this browser pressed the button.
  const recall = deps.newsletter?.recall;
  if (recall) {
    app.use(
      '/practice/email/*',
      bodyLimit({
        maxSize: 4 * 1024,
        onError: () => {
          throw new HTTPException(413, { message: 'That answer is too long.' });
        },
      }),
    );
    app.use('/practice/email/*', formBody());
    app.use('/practice/email/*', requireCsrf());
    registerPracticeEmailPage(app, deps, recall);
  }
}
