import type { Hono } from 'hono';
import { html } from 'hono/html';
import { stream } from 'hono/streaming';
import type { SubscriberStatus } from '../../../../core/newsletter/types.js';
import type { NewsletterRuntime } from '../../../email/newsletter-runtime.js';
import { SUBSCRIBER_CSV_HEADER, subscriberCsvLine } from '../../admin/subscribers-csv.js';
import { adminPage, type WebDeps } from '../../web-deps.js';

const STATUSES: readonly SubscriberStatus[] = ['active', 'pending', 'unsubscribed', 'bounced'];
const SEARCH_LIMIT = 100;
const EXPORT_PAGE = 500;

function statusOf(value: string | undefined): SubscriberStatus | undefined {
  return STATUSES.find((s) => s === value);
}

/** `/admin/subscribers`: counts by status, search by address, and a CSV export streamed page by page. */
export function registerSubscribersAdmin(app: Hono, deps: WebDeps, newsletter: NewsletterRuntime): void {
  const { subscribers } = newsletter;

  app.get('/admin/subscribers', async (c) => {
    const query = (c.req.query('q') ?? '').trim().slice(0, 254);
    const status = statusOf(c.req.query('status'));
    const counts = await subscribers.countByStatus();
    const searched = query !== '' || status !== undefined;
    const results = searched
      ? await subscribers.search({ emailContains: query, limit: SEARCH_LIMIT, ...(status ? { status } : {}) })
      : [];
    const date = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : '');
    const body = html`
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
    ? html`<h2 id="results">${results.length === SEARCH_LIMIT ? `First ${SEARCH_LIMIT} matches` : `${results.length} match${results.length === 1 ? '' : 'es'}`}</h2>
  ${
    results.length > 0
      ? html`<div class="table-wrap"><table aria-labelledby="results"><thead><tr><th scope="col">Address</th><th scope="col">Status</th><th scope="col">Consent source</th><th scope="col">Consent</th><th scope="col">Signed up</th></tr></thead>
    <tbody>${results.map((s) => html`<tr><td>${s.email}</td><td>${s.status}</td><td>${s.consentSource ?? ''}</td><td>${date(s.consentAt)}</td><td>${date(s.createdAt)}</td></tr>`)}</tbody></table></div>`
      : ''
  }`
    : ''
}`;
    return c.html(adminPage(c, { title: 'Subscribers', active: '/admin/subscribers', body }));
  });

  app.get('/admin/subscribers/export.csv', (c) => {
    const status = statusOf(c.req.query('status'));
    const day = deps.container.clock.now().toISOString().slice(0, 10);
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="subscribers-${status ?? 'all'}-${day}.csv"`);
    c.header('Cache-Control', 'no-store');
    deps.container.logger.info('subscribers exported from the admin console', { status: status ?? 'all' });
    // Page by id: memory stays flat however many subscribers there are.
    return stream(c, async (out) => {
      await out.write(`${SUBSCRIBER_CSV_HEADER}\r\n`);
      let afterId: string | null = null;
      for (;;) {
        const rows = await subscribers.page({ afterId, limit: EXPORT_PAGE, ...(status ? { status } : {}) });
        if (rows.length > 0) await out.write(rows.map(subscriberCsvLine).join(''));
        if (rows.length < EXPORT_PAGE) break;
        afterId = rows[rows.length - 1]!.id;
      }
    });
  });
}
