import { html } from 'hono/html';
import { DEFAULT_TIME_ZONE_CHOICE } from '../../../../core/newsletter/preferences.js';
import type { Markup } from '../../render/layout.js';

// Built once: every IANA zone this runtime knows, as the browser reports them (ICU's spelling).
let zones: readonly string[] | null = null;
const knownZones = () => (zones ??= Intl.supportedValuesOf('timeZone'));

/**
 * The preference center's time zone choice: the newsletter's own zone
 * (DIGEST_TZ, stored as none) or any IANA zone, the current one selected.
 * A plain select, so it works without script and posts only names the
 * server also accepts; the server validates whatever arrives anyway. With
 * `fromBrowser`, time-zone.js selects the browser's zone while none is chosen.
 */
export function timeZoneField(
  current: string | null,
  digestTimeZone: string,
  options: { fromBrowser?: boolean; error?: string } = {},
): Markup {
  const names = current && !knownZones().includes(current) ? [current, ...knownZones()] : knownZones();
  return html`<div class="field">
    <label for="timeZone">Time zone</label>
    <p class="small" id="timeZone-hint">The digest reaches you at its usual time of day in this zone.</p>
    ${options.error ? html`<p class="error" id="timeZone-error" role="alert">${options.error}</p>` : ''}
    <select id="timeZone" name="timeZone" aria-describedby="timeZone-hint${options.error ? ' timeZone-error' : ''}"${options.error ? html` aria-invalid="true"` : ''}${options.fromBrowser ? html` data-browser-time-zone` : ''}>
      <option value="${DEFAULT_TIME_ZONE_CHOICE}"${current === null ? html` selected` : ''}>The newsletter's time zone (${digestTimeZone})</option>
      ${names.map((name) => html`<option value="${name}"${name === current ? html` selected` : ''}>${name.replaceAll('_', ' ')}</option>`)}
    </select>
  </div>`;
}
