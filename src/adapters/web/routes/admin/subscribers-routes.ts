import type { Hono } from 'hono';
import { stream } from 'hono/streaming';
import { adminPage } from '../../render/pages.js';
import type { WebDeps, WebNewsletter } from '../../web-deps.js';
import { loadSubscribers, statusOf } from './subscribers-loader.js';
import { subscribersView } from './subscribers-view.js';

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
    // The service pages through the database: memory stays flat however many subscribers there are.
    return stream(c, async (out) => {
      for await (const chunk of subscribers.exportCsv(status ? { status } : {})) await out.write(chunk);
    });
  });
}
