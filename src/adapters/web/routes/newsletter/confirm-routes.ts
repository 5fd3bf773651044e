import type { Hono } from 'hono';
import { html } from 'hono/html';
import type { NewsletterRuntime } from '../../../email/newsletter-runtime.js';
import type { WebDeps } from '../../web-deps.js';
import { newsletterPage, tokenOf } from './newsletter-page.js';

/**
 * GET /newsletter/confirm shows a button and changes nothing: mail scanners
 * fetch every link, and a scanner must not be able to subscribe anyone.
 * POST confirms; it is idempotent.
 */
export function registerConfirmRoutes(app: Hono, deps: WebDeps, newsletter: NewsletterRuntime): void {
  const { name } = newsletter.settings;
  app.get('/newsletter/confirm', async (c) => {
    const token = await tokenOf(c);
    return newsletterPage(c, deps, {
      title: 'Confirm your subscription',
      body: html`<div class="prose">
<h1>Confirm your subscription</h1>
<p>One click and ${name} starts arriving once a week.</p>
<form method="post" action="/newsletter/confirm">
  <input type="hidden" name="token" value="${token}">
  <button type="submit">Yes, subscribe me</button>
</form>
</div>`,
    });
  });

  app.post('/newsletter/confirm', async (c) => {
    const { outcome, email } = await newsletter.subscriptions.confirm(await tokenOf(c));
    if (outcome === 'confirmed' || outcome === 'already-confirmed') {
      return newsletterPage(c, deps, {
        title: 'You are subscribed',
        body: html`<div class="prose"><h1>You are subscribed</h1><p role="status">${email} will get ${name} every week${outcome === 'already-confirmed' ? ' (this link had already been used)' : ''}. Every issue has a link to unsubscribe.</p><p><a href="/archive">Read past issues</a></p></div>`,
      });
    }
    const why =
      outcome === 'expired'
        ? `This confirmation link has expired (they work for 7 days).`
        : `This confirmation link is not valid. It may have been copied incompletely.`;
    return newsletterPage(c, deps, {
      title: 'Link not valid',
      status: outcome === 'expired' ? 410 : 404,
      body: html`<div class="prose"><h1>That link did not work</h1><p class="notice" role="alert">${why}</p><p><a href="/newsletter">Subscribe again</a> to get a new one.</p></div>`,
    });
  });
}
