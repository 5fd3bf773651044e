import type { Context } from 'hono';
import { html } from 'hono/html';
import type { TutorAnswer } from '../../../../core/answering/create-tutor.js';
import { csrfField, type Markup } from '../../render/layout.js';
import { renderMarkdown } from '../../render/markdown.js';
import { sectionAnchor } from '../../render/section-anchor.js';
import { hmac } from '../../security/sign.js';
import type { WebSettings } from '../../web-settings.js';

/**
 * Binds a question id to the visitor who asked it, so feedback can only be
 * given by the asker and only on questions that exist.
 */
export function feedbackToken(settings: WebSettings, visitorId: string, questionId: string): string {
  return hmac(settings.visitorKey, `feedback:${questionId}:${visitorId}`);
}

/** Where a cited source lives on this site. */
export function sourceHref(slug: string, section?: string): string {
  return `/concepts/${encodeURIComponent(slug)}${section ? `#${sectionAnchor(section)}` : ''}`;
}

/**
 * One question and its answer: notices, the answer, its sources (linked to
 * the concept pages, down to the section), the closest concepts when it is
 * not covered, and the 👍/👎 form. The same fragment serves the no-JavaScript
 * page and the fetch() response, so both look the same.
 */
export function renderTurn(c: Context, settings: WebSettings, question: string, result: TutorAnswer): Markup {
  const id = result.questionId;
  return html`<li class="turn"${id ? html` id="q-${id}"` : ''}>
  <h2 class="question"><span class="visually-hidden">You asked: </span>${question}</h2>
  ${result.notices.map((notice) => html`<div class="notice" role="note"><p>${notice}</p></div>`)}
  <div class="answer prose"><span class="visually-hidden">The tutor answered: </span>${renderMarkdown(result.answer)}</div>
  ${
    result.sources.length > 0
      ? html`<nav class="sources" aria-label="Sources"><h3>Sources</h3><ul>${result.sources.map(
          (s) =>
            html`<li><a href="${sourceHref(s.slug, s.section)}">${s.title}</a>${s.section ? html` <span class="muted">· ${s.section}</span>` : ''}</li>`,
        )}</ul></nav>`
      : ''
  }
  ${
    result.mode === 'not-covered' && result.suggestions.length > 0
      ? html`<nav class="sources" aria-label="Closest concepts"><h3>Closest concepts</h3><ul>${result.suggestions.map(
          (s) => html`<li><a href="${sourceHref(s.slug)}">${s.title}</a></li>`,
        )}</ul></nav>`
      : ''
  }
  ${id ? feedbackForm(c, settings, id) : ''}
</li>`;
}

function feedbackForm(c: Context, settings: WebSettings, questionId: string): Markup {
  const reasonId = `reason-${questionId}`;
  return html`<section class="feedback" aria-label="Feedback">
  <form class="feedback-form" method="post" action="/ask/feedback">
    ${csrfField(c)}
    <input type="hidden" name="questionId" value="${questionId}">
    <input type="hidden" name="token" value="${feedbackToken(settings, c.get('visitorId'), questionId)}">
    <h3>Was this answer helpful?</h3>
    <label for="${reasonId}" class="hint">What was wrong or missing? (optional)</label>
    <input type="text" id="${reasonId}" name="reason" maxlength="500" autocomplete="off">
    <div class="buttons">
      <button type="submit" name="vote" value="up" class="secondary"><span aria-hidden="true">👍</span> Helpful</button>
      <button type="submit" name="vote" value="down" class="secondary"><span aria-hidden="true">👎</span> Not helpful</button>
    </div>
  </form>
</section>`;
}
