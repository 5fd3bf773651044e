import type { Context, Hono } from 'hono';
import type { RecallRefusal } from '../../../../core/newsletter/recall-check.js';
import type { Markup } from '../../render/layout.js';
import { publicPage } from '../../render/pages.js';
import type { WebDeps, WebNewsletter } from '../../web-deps.js';
import { recallConfirmView, recallFeedbackView, recallRefusedView } from './practice-email-view.js';

type Recall = NonNullable<WebNewsletter['recall']>;

const STATUS: Record<RecallRefusal, 404 | 410> = { invalid: 404, expired: 410, unknown: 404 };

/**
 * `/practice/email/<signed token>`: the option links of the digest's
 * "Check yourself" block. GET shows the question and a button and records
 * nothing (link scanners fetch every URL in an email). POST, CSRF-checked
 * with the visitor's form token, records the answer once; a replay shows the
 * first answer's feedback. The token names the subscriber, so these pages are
 * never cached, indexed or sent on as a referrer.
 */
export function registerPracticeEmailPage(app: Hono, deps: WebDeps, recall: Recall): void {
  app.get('/practice/email/:token', async (c) => {
    const token = c.req.param('token');
    const opened = await recall.open(token);
    if (!opened.ok) return page(c, deps, recallRefusedView(opened.reason), STATUS[opened.reason]);
    return page(c, deps, recallConfirmView(c, token, opened.claim, opened.item));
  });

  app.post('/practice/email/:token', async (c) => {
    const graded = await recall.answer(c.req.param('token'));
    if (!graded.ok) return page(c, deps, recallRefusedView(graded.reason), STATUS[graded.reason]);
    return page(c, deps, recallFeedbackView(graded));
  });
}

function page(c: Context, deps: WebDeps, body: Markup, status: 200 | 404 | 410 = 200) {
  c.header('Cache-Control', 'no-store');
  c.header('Referrer-Policy', 'no-referrer');
  return c.html(
    publicPage(deps, {
      title: 'Check yourself',
      description: 'A question from your digest, with spaced review.',
      noindex: true,
      body,
    }),
    status,
  );
}
