import type { Hono } from 'hono';
import { html } from 'hono/html';
import type { NewsletterRuntime } from '../../../email/newsletter-runtime.js';
import type { WebDeps } from '../../web-deps.js';
import { newsletterPage, tokenOf } from './newsletter-page.js';

/**
 * RFC 8058. GET (a person, or a link scanner) only shows a confirmation page
 * with a button. POST unsubscribes: the one-click request mail providers send
 * (`List-Unsubscribe=One-Click`, no cookies, no login) and our button alike.
 * It is idempotent and answers 200 for any link we signed, even one whose
 * subscriber is already gone.
 */
export function registerUnsubscribeRoutes(app: Hono, deps: WebDeps, newsletter: NewsletterRuntime): void {
  const { name } = newsletter.settings;
  const invalid = (c: Parameters<typeof newsletterPage>[0]) =>
    newsletterPage(c, deps, {
      title: 'Link not valid',
      status: 404,
      body: html`<div class="prose"><h1>That unsubscribe link is not valid</h1><p class="notice" role="alert">It may have been copied incompletely. Use the link in the footer of any issue, or <a href="/newsletter/manage">get a new link by email</a>.</p></div>`,
    });

  app.get('/newsletter/unsubscribe', async (c) => {
    const token = await tokenOf(c);
    const { outcome, email } = await newsletter.subscriptions.peekUnsubscribe(token);
    if (outcome === 'invalid' || outcome === 'expired') return invalid(c);
    if (outcome === 'already-unsubscribed') {
      return newsletterPage(c, deps, {
        title: 'Already unsubscribed',
        body: html`<div class="prose"><h1>You are not subscribed</h1><p role="status">${email} does not get ${name}. Changed your mind? <a href="/newsletter">Subscribe again</a>.</p></div>`,
      });
    }
    return newsletterPage(c, deps, {
      title: `Unsubscribe from ${name}`,
      body: html`<div class="prose">
<h1>Unsubscribe from ${name}?</h1>
<p>${email} will get no further issues.</p>
<form method="post" action="/newsletter/unsubscribe">
  <input type="hidden" name="token" value="${token}">
  <button type="submit">Unsubscribe</button>
</form>
</div>`,
    });
  });

  app.post('/newsletter/unsubscribe', async (c) => {
    const { outcome, email } = await newsletter.subscriptions.unsubscribeByToken(await tokenOf(c));
    if (outcome !== 'unsubscribed') return invalid(c);
    return newsletterPage(c, deps, {
      title: 'Unsubscribed',
      body: html`<div class="prose"><h1>You are unsubscribed</h1><p role="status">${email ? html`${email} will` : 'This address will'} get no further issues of ${name}. Changed your mind? <a href="/newsletter">Subscribe again</a>.</p></div>`,
    });
  });
}
