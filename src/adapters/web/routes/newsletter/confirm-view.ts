import { html } from 'hono/html';
import type { Markup } from '../../render/layout.js';
import { timeZoneField } from './time-zone-field.js';

/**
 * The confirmation button a mailed link opens (a GET changes nothing), with
 * the time zone the issue should arrive in, pre-filled from the browser.
 */
export function confirmPromptView(
  name: string,
  token: string,
  zone: { digestTimeZone: string; chosen?: string | null; error?: string } = { digestTimeZone: 'UTC' },
): Markup {
  return html`<div class="prose">
<h1>Confirm your subscription</h1>
<p>One click and ${name} starts arriving once a week.</p>
<form method="post" action="/newsletter/confirm">
  <input type="hidden" name="token" value="${token}">
  ${timeZoneField(zone.chosen ?? null, zone.digestTimeZone, { fromBrowser: true, ...(zone.error ? { error: zone.error } : {}) })}
  <button type="submit">Yes, subscribe me</button>
</form>
</div>`;
}

/** After a confirmation that worked (now or earlier). */
export function confirmedView(name: string, email: string | undefined, again: boolean): Markup {
  return html`<div class="prose"><h1>You are subscribed</h1><p role="status">${email} will get ${name} every week${again ? ' (this link had already been used)' : ''}. Every issue has a link to unsubscribe.</p><p><a href="/archive">Read past issues</a></p></div>`;
}

/** A confirmation link that expired or was never ours. */
export function confirmFailedView(expired: boolean): Markup {
  const why = expired
    ? 'This confirmation link has expired (they work for 7 days).'
    : 'This confirmation link is not valid. It may have been copied incompletely.';
  return html`<div class="prose"><h1>That link did not work</h1><p class="notice" role="alert">${why}</p><p><a href="/newsletter">Subscribe again</a> to get a new one.</p></div>`;
}
