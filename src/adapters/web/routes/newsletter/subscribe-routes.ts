import type { Context, Hono } from 'hono';
import { html } from 'hono/html';
import { isUserFacing } from '../../../../core/errors.js';
import type { NewsletterRuntime } from '../../../email/newsletter-runtime.js';
import { csrfField } from '../../render/layout.js';
import type { WebDeps } from '../../web-deps.js';
import { newsletterPage } from './newsletter-page.js';

function form(
  c: Context,
  deps: WebDeps,
  newsletter: NewsletterRuntime,
  input: { email?: string; error?: string } = {},
) {
  const { name } = newsletter.settings;
  const invalid = input.error
    ? html` aria-invalid="true" aria-describedby="email-hint email-error"`
    : html` aria-describedby="email-hint"`;
  return newsletterPage(c, deps, {
    title: `Subscribe to ${name}`,
    status: input.error ? 400 : 200,
    body: html`<div class="prose">
<h1>Subscribe to ${name}</h1>
<p class="lead">One email a week: one AI concept explained plainly, and one real use case from a team that used it.</p>
<form method="post" action="/newsletter/subscribe" novalidate>
  ${csrfField(c)}
  <div class="field">
    <label for="email">Email address</label>
    <span class="hint" id="email-hint">We send a confirmation link first; nothing else arrives until you click it.</span>
    ${input.error ? html`<p class="error" id="email-error" role="alert">${input.error}</p>` : ''}
    <input type="email" id="email" name="email" required autocomplete="email" inputmode="email" value="${input.email ?? ''}"${invalid}>
  </div>
  <button type="submit">Subscribe</button>
</form>
<p class="small muted">Every email has a one-click unsubscribe link. You can <a href="/newsletter/manage">download or delete your data</a> at any time.</p>
</div>`,
  });
}

/** GET /newsletter (the form) and POST /newsletter/subscribe (double opt-in; same reply for every address). */
export function registerSubscribeRoutes(app: Hono, deps: WebDeps, newsletter: NewsletterRuntime): void {
  app.get('/newsletter', (c) => form(c, deps, newsletter));
  app.get('/newsletter/subscribe', (c) => c.redirect('/newsletter', 303));
  app.post('/newsletter/subscribe', async (c) => {
    const body = await c.req.parseBody();
    const email = typeof body.email === 'string' ? body.email.slice(0, 320) : '';
    try {
      const { message } = await newsletter.subscriptions.subscribe({ email, source: 'web' });
      return newsletterPage(c, deps, {
        title: 'Check your inbox',
        body: html`<div class="prose"><h1>Check your inbox</h1><p role="status">${message}</p><p><a href="/">Back to the concepts</a></p></div>`,
      });
    } catch (error) {
      if (!isUserFacing(error) || !error.code.startsWith('EMAIL_')) throw error;
      return form(c, deps, newsletter, { email, error: error.message });
    }
  });
}
