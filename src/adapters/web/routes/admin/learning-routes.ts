import type { Hono } from 'hono';
import { csvLine } from '../../../../core/newsletter/csv.js';
import { adminPage } from '../../render/pages.js';
import type { WebDeps } from '../../web-deps.js';
import { loadLearning } from './learning-loader.js';
import { learningView } from './learning-view.js';

/** `/admin/learning` and its CSV: the team knowledge map, aggregates only. */
export function registerLearningPage(app: Hono, deps: WebDeps): void {
  app.get('/admin/learning', async (c) => {
    c.header('Cache-Control', 'no-store');
    const report = await loadLearning(deps);
    return c.html(
      adminPage(c, deps, { title: 'Learning', active: '/admin/learning', body: learningView(report) }),
    );
  });

  app.get('/admin/learning/export.csv', async (c) => {
    const report = await loadLearning(deps);
    // The one CSV writer: RFC 4180 quoting, CRLF, and formula neutralising for titles an editor wrote.
    let body = csvLine(['concept', 'title', 'learners', 'recall_rate', 'items_due', 'asked_30_days']);
    for (const row of report.concepts) {
      body += csvLine([
        row.slug,
        row.title,
        row.learners,
        row.recallRate === null ? null : row.recallRate.toFixed(3),
        row.due,
        row.asked,
      ]);
    }
    c.header('Cache-Control', 'no-store');
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header(
      'Content-Disposition',
      `attachment; filename="learning-${deps.clock.now().toISOString().slice(0, 10)}.csv"`,
    );
    return c.body(body);
  });
}
