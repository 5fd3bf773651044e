import type { Hono } from 'hono';
import { stream } from 'hono/streaming';
import { adminPage } from '../../render/pages.js';
import type { WebDeps, WebNewsletter } from '../../web-deps.js';
import { SUBSCRIBER_CSV_HEADER, subscriberCsvLine } from './subscribers-csv.js';
import { loadSubscribers, statusOf } from './subscribers-loader.js';
import { subscribersView } from './subscribers-view.js';

const EXPORT_PAGE = 500;

/** `/admin/subscribers`: counts by status, search by address, and a CSV export streamed page by page. */
export function registerSubscribersAdmin(app: Hono, deps: WebDeps, newsletter: WebNewsletter): void {
  const { subscribers } = newsletter;

  app.get('/admin/subscribers', async (c) => {
    const query = (c.req.query('q') ?? '').trim().slice(0, 254);
    const data = await loadSubscribers(newsletter, { query, status: statusOf(c.req.query('status')) });
    return c.html(
      adminPage(c, deps, { title: 'Subscribers', active: '/admin/subscribers', body: subscribersView(data) }),
    );
  });

  app.get('/admin/subscribers/export.csv', (c) => {
    const status = statusOf(c.req.query('status'));
    const day = deps.clock.now().toISOString().slice(0, 10);
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="subscribers-${status ?? 'all'}-${day}.csv"`);
    c.header('Cache-Control', 'no-store');
    deps.logger.info('subscribers exported from the admin console', { status: status ?? 'all' });
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
