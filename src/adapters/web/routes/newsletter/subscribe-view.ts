import type { Context } from 'hono';
import { html } from 'hono/html';
import { csrfField, type Markup } from '../../render/layout.js';

/** The subscribe form, with the address typed and the problem with it after a failed attempt. */
export function subscribeFormView(
  c: Context,
  name: string,
  input: { email?: string; error?: string } = {},
): Markup {
  const invalid = input.error
    ? html` aria-invalid="true" aria-describedby="email-hint email-error"`
    : html` aria-describedby="email-hint"`;
  return html`<div class="prose">
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
</div>`;
}

/** After subscribing: the same words for every address, known or not. */
export function checkInboxView(message: string): Markup {
  return html`<div class="prose"><h1>Check your inbox</h1><p role="status">${message}</p><p><a href="/">Back to the concepts</a></p></div>`;
}
