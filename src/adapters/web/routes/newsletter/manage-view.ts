import type { Context } from 'hono';
import { html } from 'hono/html';
import type { Subscriber } from '../../../../core/newsletter/types.js';
import { csrfField, type Markup } from '../../render/layout.js';
import { timeZoneField } from './time-zone-field.js';

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

/** What the page says after a save or a refused value. */
export interface ManageNotice {
  saved?: string;
  error?: string;
}

const date = (d: Date) => d.toISOString().slice(0, 10);

/**
 * The preference center and the data page in one: pause, frequency,
 * difficulty, time zone, click counting and unsubscribe; then what is stored, with export
 * and delete. Every form carries the link's token, which is its proof.
 * `digestTimeZone` (DIGEST_TZ) names the zone of subscribers who chose none.
 */
export function manageDataView(
  subscriber: Subscriber,
  token: string,
  notice: ManageNotice = {},
  digestTimeZone = 'UTC',
): Markup {
  const { pausedUntil, cadence, level, countClicks } = subscriber.preferences;
  const active = subscriber.status === 'active' || subscriber.status === 'pending';
  const radio = (name: string, value: string, label: string, checked: boolean) =>
    html`<div class="choice"><input type="radio" id="${name}-${value}" name="${name}" value="${value}"${checked ? html` checked` : ''}><label for="${name}-${value}">${label}</label></div>`;
  return html`<div class="prose">
<h1>Your newsletter settings</h1>
${notice.saved ? html`<p class="notice" role="status">${notice.saved}</p>` : ''}
${notice.error ? html`<p class="error" id="preferences-error" role="alert">${notice.error}</p>` : ''}
${
  active
    ? html`<form method="post" action="/newsletter/manage/preferences"${notice.error ? html` aria-describedby="preferences-error"` : ''}>
  <input type="hidden" name="token" value="${token}">
  <fieldset>
    <legend>Pause</legend>
    ${
      pausedUntil
        ? html`${radio('pause', 'keep', `Stay paused until ${date(pausedUntil)}`, true)}${radio('pause', 'none', 'Resume with the next issue', false)}`
        : radio('pause', 'none', 'Not paused', true)
    }
    ${[2, 4, 8].map((weeks) => radio('pause', String(weeks), `Pause for ${weeks} weeks`, false))}
  </fieldset>
  <fieldset>
    <legend>How often</legend>
    ${radio('cadence', 'weekly', 'Every week', cadence === 'weekly')}
    ${radio('cadence', 'biweekly', 'Every other week', cadence === 'biweekly')}
  </fieldset>
  <fieldset>
    <legend>Difficulty</legend>
    ${radio('level', 'all', 'Every concept', level === 'all')}
    ${radio('level', 'beginner', 'Beginner concepts only', level === 'beginner')}
  </fieldset>
  ${timeZoneField(subscriber.preferences.timeZone ?? null, digestTimeZone)}
  <fieldset aria-describedby="clicks-hint">
    <legend>Count my clicks</legend>
    <p class="hint" id="clicks-hint">Links in the digest go through a short redirect that counts clicks per issue and concept, never who clicked. Turn it off and your digests link straight to the pages.</p>
    ${radio('clicks', 'on', 'On: count my clicks, anonymously', countClicks)}
    ${radio('clicks', 'off', 'Off: plain links', !countClicks)}
  </fieldset>
  <p class="small">Changes apply from the next issue.</p>
  <button type="submit">Save settings</button>
</form>
<form method="post" action="/newsletter/manage/unsubscribe"><input type="hidden" name="token" value="${token}"><button type="submit" class="secondary">Unsubscribe</button></form>`
    : html`<p>You are not subscribed (${subscriber.status}). <a href="/newsletter">Subscribe again</a> to get the digest.</p>`
}
<h2>Your data</h2>
<dl>
  <dt>Address</dt><dd>${subscriber.email}</dd>
  <dt>Status</dt><dd>${subscriber.status}</dd>
  <dt>Consent</dt><dd>${subscriber.consentSource ? `${subscriber.consentSource}, ${when(subscriber.consentAt)}` : 'none recorded'}</dd>
  <dt>Time zone</dt><dd>${subscriber.preferences.timeZone ?? `the newsletter's (${digestTimeZone})`}</dd>
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
