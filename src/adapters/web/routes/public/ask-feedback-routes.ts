import type { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { wantsJson } from '../../render/negotiate.js';
import { publicPage } from '../../render/pages.js';
import { readForm } from '../../request/read-form.js';
import { constantTimeEqual } from '../../security/sign.js';
import type { WebDeps } from '../../web-deps.js';
import { feedbackThanksView } from './ask-feedback-view.js';
import { feedbackToken } from './ask-turn-view.js';

const MAX_REASON_CHARS = 500;

/**
 * `POST /ask/feedback`: stores 👍/👎 (and an optional reason) on a question
 * the same visitor asked. A later vote replaces an earlier one.
 */
export function registerAskFeedback(app: Hono, deps: WebDeps): void {
  app.post('/ask/feedback', async (c) => {
    const body = await readForm(c);
    const questionId = typeof body.questionId === 'string' ? body.questionId : '';
    const token = typeof body.token === 'string' ? body.token : '';
    const vote = body.vote === 'up' ? 1 : body.vote === 'down' ? -1 : null;
    const reason =
      typeof body.reason === 'string'
        ? body.reason.replace(/\s+/g, ' ').trim().slice(0, MAX_REASON_CHARS)
        : '';
    if (vote === null) throw new HTTPException(400, { message: 'Choose 👍 or 👎 to send feedback.' });
    if (
      !questionId ||
      !constantTimeEqual(token, feedbackToken(deps.settings, c.get('visitorId'), questionId))
    ) {
      throw new HTTPException(403, {
        message: 'Feedback can only be given on your own answers, from the page that showed them.',
      });
    }
    const stored = await deps.questionLog.setFeedback(questionId, vote, reason || undefined);
    if (!stored)
      throw new HTTPException(404, {
        message: 'That answer is no longer in the question log, so the feedback was not stored.',
      });
    const message =
      vote === 1 ? 'Thanks! Glad it helped.' : 'Thanks for telling us. The library’s editors read every 👎.';
    if (wantsJson(c)) return c.json({ message });
    return c.html(
      publicPage(deps, {
        title: 'Thanks for the feedback',
        noindex: true,
        body: feedbackThanksView(message),
      }),
    );
  });
}
