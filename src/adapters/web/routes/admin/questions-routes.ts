import type { Hono } from 'hono';
import { adminPage } from '../../render/pages.js';
import type { WebDeps } from '../../web-deps.js';
import { loadQuestions } from './questions-loader.js';
import { questionsView } from './questions-view.js';

/**
 * `/admin/questions`: token and answer totals, "not covered" gaps grouped by
 * topic (what to write next), 👎 feedback with reasons, and recent questions.
 */
export function registerQuestionsPage(app: Hono, deps: WebDeps): void {
  app.get('/admin/questions', async (c) =>
    c.html(
      adminPage(c, deps, {
        title: 'Questions',
        active: '/admin/questions',
        body: questionsView(await loadQuestions(deps)),
      }),
    ),
  );
}
