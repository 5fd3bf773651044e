import type { Hono } from 'hono';
import type { WebDeps, WebNewsletter } from '../../web-deps.js';
import { confirmedView, confirmFailedView, confirmPromptView } from './confirm-view.js';
import { newsletterPage, tokenOf } from './newsletter-page.js';

/**
 * GET /newsletter/confirm shows a button and changes nothing: mail scanners
 * fetch every link, and a scanner must not be able to subscribe anyone.
 * POST confirms; it is idempotent.
 */
export function registerConfirmRoutes(app: Hono, deps: WebDeps, newsletter: WebNewsletter): void {
  const { name } = newsletter.settings;
  app.get('/newsletter/confirm', async (c) =>
    newsletterPage(c, deps, {
      title: 'Confirm your subscription',
      body: confirmPromptView(name, await tokenOf(c)),
    }),
  );

  app.post('/newsletter/confirm', async (c) => {
    const { outcome, email } = await newsletter.subscriptions.confirm(await tokenOf(c));
    if (outcome === 'confirmed' || outcome === 'already-confirmed') {
      return newsletterPage(c, deps, {
        title: 'You are subscribed',
        body: confirmedView(name, email, outcome === 'already-confirmed'),
      });
    }
    return newsletterPage(c, deps, {
      title: 'Link not valid',
      status: outcome === 'expired' ? 410 : 404,
      body: confirmFailedView(outcome === 'expired'),
    });
  });
}
