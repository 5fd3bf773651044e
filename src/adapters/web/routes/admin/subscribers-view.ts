import { html } from 'hono/html';
import type { Markup } from '../../render/layout.js';
import { scrollTable } from '../../render/scroll-table.js';
import { STATUSES, type SubscribersData } from './subscribers-loader.js';

const date = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : '');

/** Counts by status, the search form with its CSV export link, and the matches. */
export function subscribersView({
  query,
  status,
  counts,
  searched,
  results,
  truncated,
  suppressions,
}: SubscribersData): Markup {
  return html`
<h1>Subscribers</h1>
<ul class="stats">${STATUSES.map((s) => html`<li><span class="value">${counts[s].toLocaleString('en-US')}</span> ${s}</li>`)}</ul>
<form method="get" action="/admin/subscribers" role="search" aria-label="Search subscribers">
  <div class="field"><label for="q">Address contains</label><input type="search" id="q" name="q" value="${query}" autocomplete="off"></div>
  <div class="field"><label for="status">Status</label>
    <select id="status" name="status"><option value="">Any</option>${STATUSES.map((s) => html`<option value="${s}"${s === status ? html` selected` : ''}>${s}</option>`)}</select></div>
  <div class="actions"><button type="submit">Search</button>
    <a class="button secondary" href="/admin/subscribers/export.csv${status ? `?status=${status}` : ''}" download>Export ${status ?? 'all'} as CSV</a></div>
</form>
${
  searched
    ? html`<h2 id="results">${truncated ? `First ${results.length} matches` : `${results.length} match${results.length === 1 ? '' : 'es'}`}</h2>
  ${
    results.length > 0
      ? scrollTable(
          'results',
          html`<thead><tr><th scope="col">Address</th><th scope="col">Status</th><th scope="col">Consent source</th><th scope="col">Consent</th><th scope="col">Signed up</th><th scope="col">Last error</th></tr></thead>
    <tbody>${results.map((s) => html`<tr><td>${s.email}</td><td>${s.status}</td><td>${s.consentSource ?? ''}</td><td>${date(s.consentAt)}</td><td>${date(s.createdAt)}</td><td>${s.lastError ?? ''}</td></tr>`)}</tbody>`,
        )
      : ''
  }`
    : ''
}
<h2 id="suppressed">Suppressed addresses: ${suppressions.total.toLocaleString('en-US')}</h2>
<p>Hard bounces, complaints and repeated soft bounces reported by the mail provider. These addresses get no email of any kind, even if they sign up again.</p>
${
  suppressions.recent.length > 0
    ? scrollTable(
        'suppressed',
        html`<thead><tr><th scope="col">Address</th><th scope="col">Reason</th><th scope="col">Provider</th><th scope="col">Since</th><th scope="col">Detail</th></tr></thead>
    <tbody>${suppressions.recent.map((s) => html`<tr><td>${s.email}</td><td>${s.reason}</td><td>${s.provider}</td><td>${date(s.createdAt)}</td><td>${s.detail}</td></tr>`)}</tbody>`,
      )
    : ''
}`;
}
