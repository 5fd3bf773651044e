import type { Context } from 'hono';
import { html } from 'hono/html';
import { MAX_EXPLANATION_CHARS } from '../../../../core/practice/explain-back/explain-input.js';
import type { ExplainFeedback, FeedbackPoint } from '../../../../core/practice/explain-back/types.js';
import { csrfField, type Markup } from '../../render/layout.js';
import { sectionAnchor } from '../../render/section-anchor.js';
import type { ExplainPrompt } from './explain-loader.js';

const VERDICT = {
  good: 'A good explanation.',
  partial: 'A start, with gaps.',
  'off-topic': 'This does not seem to explain this concept yet.',
} as const;

/** The form: the article's prompt and a text area; works without JavaScript. */
export function explainFormView(
  c: Context,
  prompt: ExplainPrompt,
  view: { explanation?: string; error?: string } = {},
): Markup {
  return html`
<h1>Explain it back: ${prompt.title}</h1>
<p class="lead">Explaining an idea in your own words shows what you really know. You get hints first; then you can ask to see what you missed.</p>
${view.error ? html`<div class="error" role="alert" id="explain-error"><p>${view.error}</p></div>` : ''}
<form method="post" action="/explain/${prompt.slug}" id="explain-form">
  ${csrfField(c)}
  <div class="field">
    <label for="explanation">${prompt.prompt}</label>
    <textarea id="explanation" name="explanation" rows="8" maxlength="${MAX_EXPLANATION_CHARS}" required aria-describedby="explanation-hint"${view.error ? html` aria-invalid="true"` : ''}>${view.explanation ?? ''}</textarea>
    <p class="hint" id="explanation-hint">Up to ${MAX_EXPLANATION_CHARS.toLocaleString('en-US')} characters. Write it without looking back at the article.</p>
  </div>
  <div class="actions"><button type="submit">Check my explanation</button> <a href="/concepts/${prompt.slug}">Back to the article</a></div>
</form>`;
}

function cited(slug: string, point: FeedbackPoint): Markup {
  return html`<li>${point.text} <span class="small muted">(${point.sources.map(
    (s, i) =>
      html`${i > 0 ? ', ' : ''}<a href="/concepts/${slug}#${sectionAnchor(s.section ?? '')}">${s.section}</a>`,
  )})</span></li>`;
}

/**
 * The first reply: the verdict and hints only (questions about what is
 * missing), plus a second submit that asks for the full feedback.
 */
export function explainHintsView(c: Context, feedback: ExplainFeedback, explanation: string): Markup {
  const { slug } = feedback.concept;
  return html`
<h1>Explain it back: ${feedback.concept.title}</h1>
${header(feedback)}
${
  feedback.hints.length > 0
    ? html`<h2 id="hints">Hints</h2>
<p>Think about these, then try again, or look at what you missed.</p>
<ul>${feedback.hints.map((hint) => html`<li>${hint}</li>`)}</ul>`
    : html`<p>Nothing important is missing. Well done.</p>`
}
<form method="post" action="/explain/${slug}" id="explain-reveal">
  ${csrfField(c)}
  <input type="hidden" name="explanation" value="${explanation}">
  <input type="hidden" name="reveal" value="1">
  <div class="actions"><button type="submit">Show what I missed</button> <a href="/explain/${slug}">Try again</a> <a href="/concepts/${slug}">Back to the article</a></div>
</form>`;
}

/** The full feedback: what is right, what is missing and one misconception, each cited to the article. */
export function explainFullView(feedback: ExplainFeedback): Markup {
  const { slug } = feedback.concept;
  return html`
<h1>Explain it back: ${feedback.concept.title}</h1>
${header(feedback)}
<h2 id="right">What you got right</h2>
${feedback.right.length > 0 ? html`<ul>${feedback.right.map((p) => cited(slug, p))}</ul>` : html`<p>Nothing the article backs yet.</p>`}
<h2 id="missing">What is missing</h2>
${feedback.missing.length > 0 ? html`<ul>${feedback.missing.map((p) => cited(slug, p))}</ul>` : html`<p>Nothing important.</p>`}
${feedback.misconception ? html`<h2 id="misconception">A misconception</h2><ul>${cited(slug, feedback.misconception)}</ul>` : ''}
<p class="actions"><a class="button" href="/explain/${slug}">Try again</a> <a href="/concepts/${slug}">Back to the article</a></p>`;
}

function header(feedback: ExplainFeedback): Markup {
  return html`<div class="notice" role="status" id="explain-result">
  <p><strong>${feedback.label}.</strong> ${VERDICT[feedback.verdict]}</p>
  ${feedback.notices.map((notice) => html`<p>${notice}</p>`)}
</div>`;
}
