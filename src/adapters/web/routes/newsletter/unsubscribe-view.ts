import { html } from 'hono/html';
import type { Markup } from '../../render/layout.js';

/** An unsubscribe link we did not sign (or that was cut short). */
export function unsubscribeInvalidView(): Markup {
  return html`<div class="prose"><h1>That unsubscribe link is not valid</h1><p class="notice" role="alert">It may have been copied incompletely. Use the link in the footer of any issue, or <a href="/newsletter/manage">get a new link by email</a>.</p></div>`;
}

/** The link's address is not subscribed (any more). */
export function notSubscribedView(name: string, email: string | undefined): Markup {
  return html`<div class="prose"><h1>You are not subscribed</h1><p role="status">${email} does not get ${name}. Changed your mind? <a href="/newsletter">Subscribe again</a>.</p></div>`;
}

/** The confirmation button a GET shows (link scanners fetch links; only the POST unsubscribes). */
export function unsubscribePromptView(name: string, email: string | undefined, token: string): Markup {
  return html`<div class="prose">
<h1>Unsubscribe from ${name}?</h1>
<p>${email} will get no further issues.</p>
<form method="post" action="/newsletter/unsubscribe">
  <input type="hidden" name="token" value="${token}">
  <button type="submit">Unsubscribe</button>
</form>
</div>`;
}

/** After unsubscribing. */
export function unsubscribedView(name: string, email: string | undefined): Markup {
  return html`<div class="prose"><h1>You are unsubscribed</h1><p role="status">${email ? html`${email} will` : 'This address will'} get no further issues of ${name}. Changed your mind? <a href="/newsletter">Subscribe again</a>.</p></div>`;
}
