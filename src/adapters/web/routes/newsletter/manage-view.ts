import type { Context } from 'hono';
import { html } from 'hono/html';
import type { Subscriber } from '../../../../core/newsletter/types.js';
import { csrfField, type Markup } from '../../render/layout.js';

const when = (date: Date | null) => (date ? `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC` : '');

/** A data link that expired or was never ours. */
export function manageLinkExpiredView(): Markup {
  return html`<div class="prose"><h1>That link has expired or is not valid</h1><p class="notice" role="alert">Data links work for a limited time. Ask for a new one below.</p><p><a href="/newsletter/manage">Get a new link</a></p></div>`;
}

/** The form that mails a data link, with the problem with the address after a failed attempt. */
export function manageRequestFormView(c: Context, input: { email?: string; error?: string } = {}): Markup {
  return html`<div class="prose">
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
</div>`;
}

/** What is stored about the link's address, with export and delete buttons. */
export function manageDataView(subscriber: Subscriber, token: string): Markup {
  return html`<div class="prose">
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
</div>`;
}

/** After asking for a data link: the same words for every address, known or not. */
export function manageLinkSentView(message: string): Markup {
  return html`<div class="prose"><h1>Check your inbox</h1><p role="status">${message}</p></div>`;
}

/** After deleting. */
export function manageDeletedView(email: string | undefined): Markup {
  return html`<div class="prose"><h1>Your data is deleted</h1><p role="status">We no longer store ${email}, its consent record or its delivery history. You will get no further issues.</p></div>`;
}
