import type { Hono } from 'hono';
import { APOLOGY } from '../../../../core/chat/user-replies.js';
import { errorFields, isUserFacing } from '../../../../core/errors.js';
import type { ExplainFeedback } from '../../../../core/practice/explain-back/types.js';
import { wantsJson } from '../../render/negotiate.js';
import { publicPage } from '../../render/pages.js';
import { readForm } from '../../request/read-form.js';
import type { WebDeps } from '../../web-deps.js';
import { explainUserId, loadExplainPrompt } from './explain-loader.js';
import { explainFormView, explainFullView, explainHintsView } from './explain-view.js';

/** Refusals about the service rather than the explanation. */
const UNAVAILABLE = new Set(['USAGE_UNAVAILABLE', 'SHUTTING_DOWN']);

/**
 * `/explain/:slug`: "explain it back" for one concept. GET shows the
 * article's prompt and a form (per visitor: it carries the CSRF token, which
 * is why it is not on the cached concept page itself, which links here).
 * POST grades the explanation and shows hints only; the same form sent with
 * `reveal=1` ("Show what I missed") shows the full feedback. A resubmitted
 * form is graded once (the service caches it). With `accept:
 * application/json` the POST returns the feedback as JSON, as /ask does.
 */
export function registerExplainPage(app: Hono, deps: WebDeps): void {
  app.get('/explain/:slug', (c) => {
    c.header('Cache-Control', 'no-store');
    const prompt = loadExplainPrompt(deps, c.req.param('slug'));
    return c.html(page(deps, prompt.title, explainFormView(c, prompt)));
  });

  app.post('/explain/:slug', async (c) => {
    c.header('Cache-Control', 'no-store');
    const prompt = loadExplainPrompt(deps, c.req.param('slug'));
    const form = await readForm(c);
    const explanation = form.explanation ?? '';
    const reveal = form.reveal === '1';
    let feedback: ExplainFeedback;
    try {
      feedback = await deps.inFlight.run((signal) =>
        deps.explainBack.explain({
          concept: prompt.slug,
          explanation,
          platform: 'web',
          userId: explainUserId(c, deps),
          signal,
        }),
      );
    } catch (error) {
      const { status, message } = describeFailure(deps, error);
      if (wantsJson(c)) return c.json({ error: message }, status);
      return c.html(
        page(deps, prompt.title, explainFormView(c, prompt, { explanation, error: message })),
        status,
      );
    }
    if (wantsJson(c)) return c.json(toJson(feedback, reveal));
    return c.html(
      page(
        deps,
        prompt.title,
        reveal ? explainFullView(feedback) : explainHintsView(c, feedback, explanation),
      ),
    );
  });
}

/** Hints only, unless the learner asked for everything. */
function toJson(feedback: ExplainFeedback, reveal: boolean) {
  const { concept, mode, label, verdict, hints, notices } = feedback;
  const base = { concept, mode, label, verdict, hints, notices, revealed: reveal };
  if (!reveal) return base;
  return { ...base, right: feedback.right, missing: feedback.missing, misconception: feedback.misconception };
}

function describeFailure(deps: WebDeps, error: unknown): { status: 400 | 429 | 500 | 503; message: string } {
  if (isUserFacing(error)) {
    const status = error.code === 'RATE_LIMITED' ? 429 : UNAVAILABLE.has(error.code) ? 503 : 400;
    return { status, message: error.message };
  }
  deps.logger.error('web explain-it-back failed', errorFields(error));
  return { status: 500, message: APOLOGY };
}

function page(deps: WebDeps, title: string, body: ReturnType<typeof explainFormView>) {
  return publicPage(deps, {
    title: `Explain it back: ${title}`,
    description: 'Explain a concept in your own words and get hints, then feedback.',
    noindex: true,
    body,
  });
}
