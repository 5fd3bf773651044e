import type { Context, Hono } from 'hono';
import type { WebDeps, WebNewsletter } from '../../web-deps.js';
import { newsletterPage, tokenOf } from './newsletter-page.js';
import {
  notSubscribedView,
  unsubscribedView,
  unsubscribeInvalidView,
  unsubscribePromptView,
} from './unsubscribe-view.js';

/**
 * RFC 8058. GET (a person, or a link scanner) only shows a confirmation page
 * with a button. POST unsubscribes: the one-click request mail providers send
 * (`List-Unsubscribe=One-Click`, no cookies, no login) and our button alike.
 * It is idempotent and answers 200 for any link we signed, even one whose
 * subscriber is already gone.
 */
export function registerUnsubscribeRoutes(app: Hono, deps: WebDeps, newsletter: WebNewsletter): void {
  const { name } = newsletter.settings;
  const invalid = (c: Context) =>
    newsletterPage(c, deps, { title: 'Link not valid', status: 404, body: unsubscribeInvalidView() });

  app.get('/newsletter/unsubscribe', async (c) => {
    const token = await tokenOf(c);
    const { outcome, email } = await newsletter.subscriptions.peekUnsubscribe(token);
    if (outcome === 'invalid' || outcome === 'expired') return invalid(c);
    if (outcome === 'already-unsubscribed')
      return newsletterPage(c, deps, { title: 'Already unsubscribed', body: notSubscribedView(name, email) });
    return newsletterPage(c, deps, {
      title: `Unsubscribe from ${name}`,
      body: unsubscribePromptView(name, email, token),
    });
  });

  app.post('/newsletter/unsubscribe', async (c) => {
    const { outcome, email } = await newsletter.subscriptions.unsubscribeByToken(await tokenOf(c));
    if (outcome !== 'unsubscribed') return invalid(c);
    return newsletterPage(c, deps, { title: 'Unsubscribed', body: unsubscribedView(name, email) });
  });
}
