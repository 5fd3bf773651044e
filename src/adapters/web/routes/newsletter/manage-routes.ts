import type { Context, Hono } from 'hono';
import { html } from 'hono/html';
import { isUserFacing } from '../../../../core/errors.js';
import type { NewsletterRuntime } from '../../../email/newsletter-runtime.js';
import { csrfField } from '../../render/layout.js';
import type { WebDeps } from '../../web-deps.js';
import { newsletterPage, tokenOf } from './newsletter-page.js';

const when = (date: Date | null) => (date ? `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC` : '');

/**
 * A subscriber's data rights without an account: GET /newsletter/manage asks
 * for an address and mails a signed link (same reply whether or not it is
 * known); the link's page shows what is stored and offers export (JSON) and
 * deletion. The link itself is the proof of owning the mailbox.
 */
export function registerManageRoutes(app: Hono, deps: WebDeps, newsletter: NewsletterRuntime): void {
  const { subscriptions } = newsletter;
  const expired = (c: Context) =>
    newsletterPage(c, deps, {
      title: 'Link not valid',
      status: 410,
      body: html`<div class="prose"><h1>That link has expired or is not valid</h1><p class="notice" role="alert">Data links work for a limited time. Ask for a new one below.</p><p><a href="/newsletter/manage">Get a new link</a></p></div>`,
    });

  const requestForm = (c: Context, input: { email?: string; error?: string } = {}) =>
    newsletterPage(c, deps, {
      title: 'Your newsletter data',
      status: input.error ? 400 : 200,
      body: html`<div class="prose">
<h1>Your newsletter data</h1>
<p>Enter your address and we email you a link to download or delete everything we store about it.</p>
<form method="post" action="/newsletter/manage" novalidate>
  ${csrfField(c)}
  <div class="field">
    <label for="email">Email address</label>
    ${input.error ? html`<p class="error" id="email-error" role="alert">${input.error}</p>` : ''}
    <input type="email" id="email" name="email" required autocomplete="email" value="${input.email ?? ''}"${input.error ? html` aria-invalid="true" aria-describedby="email-error"` : ''}>
  </div>
  <button type="submit">Email me a link</button>
</form>
</div>`,
    });

  app.get('/newsletter/manage', async (c) => {
    const token = await tokenOf(c);
    if (!token) return requestForm(c);
    const { outcome, subscriber } = await subscriptions.peekManage(token);
    if (outcome !== 'ok' || !subscriber) return expired(c);
    return newsletterPage(c, deps, {
      title: 'Your newsletter data',
      body: html`<div class="prose">
<h1>Your newsletter data</h1>
<dl>
  <dt>Address</dt><dd>${subscriber.email}</dd>
  <dt>Status</dt><dd>${subscriber.status}</dd>
  <dt>Consent</dt><dd>${subscriber.consentSource ? `${subscriber.consentSource}, ${when(subscriber.consentAt)}` : 'none recorded'}</dd>
</dl>
<form method="post" action="/newsletter/manage/export"><input type="hidden" name="token" value="${token}"><button type="submit">Download my data (JSON)</button></form>
<form method="post" action="/newsletter/manage/delete">
  <input type="hidden" name="token" value="${token}">
  <p>Deleting removes your address, your consent record and your delivery history. It cannot be undone.</p>
  <button type="submit" class="danger">Delete my data</button>
</form>
</div>`,
    });
  });

  app.post('/newsletter/manage', async (c) => {
    const body = await c.req.parseBody();
    const email = typeof body.email === 'string' ? body.email.slice(0, 320) : '';
    try {
      const { message } = await subscriptions.requestManageLink({ email });
      return newsletterPage(c, deps, {
        title: 'Check your inbox',
        body: html`<div class="prose"><h1>Check your inbox</h1><p role="status">${message}</p></div>`,
      });
    } catch (error) {
      if (!isUserFacing(error) || !error.code.startsWith('EMAIL_')) throw error;
      return requestForm(c, { email, error: error.message });
    }
  });

  app.post('/newsletter/manage/export', async (c) => {
    const data = await subscriptions.exportByToken(await tokenOf(c));
    if (typeof data === 'string') return expired(c);
    c.header('Cache-Control', 'no-store');
    c.header('Content-Disposition', 'attachment; filename="newsletter-data.json"');
    return c.json({ exportedAt: new Date().toISOString(), ...data });
  });

  app.post('/newsletter/manage/delete', async (c) => {
    const { outcome, email } = await subscriptions.deleteByToken(await tokenOf(c));
    if (outcome !== 'deleted') return expired(c);
    return newsletterPage(c, deps, {
      title: 'Data deleted',
      body: html`<div class="prose"><h1>Your data is deleted</h1><p role="status">We no longer store ${email}, its consent record or its delivery history. You will get no further issues.</p></div>`,
    });
  });
}
