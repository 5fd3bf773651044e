import type { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AnswerRefusal } from '../../../../core/practice/practice-service.js';
import { wantsJson } from '../../render/negotiate.js';
import { publicPage } from '../../render/pages.js';
import { readForm } from '../../request/read-form.js';
import type { WebDeps } from '../../web-deps.js';
import { loadNextPractice, practiceLearner } from './practice-loader.js';
import { practiceDoneView, practiceFeedbackView, practiceItemView } from './practice-view.js';

const REFUSED: Record<AnswerRefusal, { status: 400 | 404 | 410; message: string }> = {
  'unknown-shown': {
    status: 404,
    message: 'That question was not shown to you, or it expired. Open /practice for the next one.',
  },
  'item-mismatch': {
    status: 400,
    message: 'The answer does not belong to the question that was shown. Open /practice and answer again.',
  },
  'choice-out-of-range': { status: 400, message: 'Choose one of the options shown and send the form again.' },
  'item-gone': {
    status: 410,
    message:
      'That question was removed from the library since it was shown. Open /practice for the next one.',
  },
};

/**
 * `/practice`: retrieval practice for web visitors, keyed by the visitor
 * cookie. GET shows the next item (a form that works without JavaScript, or
 * JSON); POST grades it once (CSRF-checked; a resubmitted form gets the first
 * result again). Per visitor, so never cached.
 */
export function registerPracticePage(app: Hono, deps: WebDeps): void {
  app.get('/practice', async (c) => {
    c.header('Cache-Control', 'no-store');
    const next = await loadNextPractice(c, deps);
    if (wantsJson(c)) {
      if (!next.item) return c.json({ item: null, nextReviewAt: next.nextReviewAt?.toISOString() ?? null });
      const { item } = next;
      return c.json({
        item: {
          id: item.id,
          concept: item.slug,
          question: item.question,
          choices: item.choices,
          shown: next.shownId,
        },
      });
    }
    const body = next.item
      ? practiceItemView(c, next.item, next.shownId)
      : practiceDoneView(next.nextReviewAt);
    return c.html(page(deps, body));
  });

  app.post('/practice', async (c) => {
    c.header('Cache-Control', 'no-store');
    const form = await readForm(c);
    const itemId = form.item ?? '';
    const shownId = form.shown ?? '';
    const choiceText = form.choice ?? '';
    if (!itemId || !shownId)
      throw new HTTPException(400, {
        message:
          'The form is missing the question it answers ("item" and "shown"). Open /practice and answer again.',
      });
    if (!/^\d{1,2}$/.test(choiceText))
      throw new HTTPException(400, {
        message: 'Choose one of the options (the "choice" field is its number, from 0).',
      });
    const graded = await deps.practice.answer(practiceLearner(c), {
      shownId,
      itemId,
      choice: Number(choiceText),
    });
    if (!graded.ok) {
      const { status, message } = REFUSED[graded.reason];
      throw new HTTPException(status, { message });
    }
    if (wantsJson(c)) {
      return c.json({
        correct: graded.correct,
        correctChoice: graded.correctChoice,
        explanation: graded.item.explanation,
        source: { slug: graded.item.slug, title: graded.item.title },
        nextReviewAt: graded.nextReviewAt.toISOString(),
        replay: graded.replay,
      });
    }
    return c.html(page(deps, practiceFeedbackView(graded)));
  });
}

function page(deps: WebDeps, body: ReturnType<typeof practiceFeedbackView>) {
  return publicPage(deps, {
    title: 'Practice',
    description: 'Check yourself: one question at a time, with spaced review.',
    noindex: true,
    body,
  });
}
