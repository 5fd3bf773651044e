import type { Context } from 'hono';
import { html } from 'hono/html';
import type { Graded } from '../../../../core/practice/practice-service.js';
import type { PracticeItem } from '../../../../core/practice/types.js';
import { csrfField, type Markup } from '../../render/layout.js';
import { sourceHref } from './practice-loader.js';

const INTRO = html`<p class="lead">One question at a time from the library's “Check yourself” sections. Questions you miss come back soon; ones you know come back later and later (spaced review).</p>`;

/** The item as a form: one radio button per option; works without JavaScript. */
export function practiceItemView(c: Context, item: PracticeItem, shownId: string): Markup {
  return html`
<h1>Practice</h1>
${INTRO}
<form method="post" action="/practice" id="practice-form">
  ${csrfField(c)}
  <input type="hidden" name="item" value="${item.id}">
  <input type="hidden" name="shown" value="${shownId}">
  <fieldset>
    <legend>${item.question}</legend>
    <p class="hint">From <a href="${sourceHref(item)}">${item.title}</a>. Guess if you are unsure: trying first helps you remember.</p>
    ${item.choices.map(
      (choice, i) =>
        html`<div class="field choice"><input type="radio" id="choice-${i}" name="choice" value="${i}" required> <label for="choice-${i}">${choice}</label></div>`,
    )}
  </fieldset>
  <div class="actions"><button type="submit">Check my answer</button> <a href="/">Stop</a></div>
</form>`;
}

/** Nothing is due: when to come back. */
export function practiceDoneView(nextReviewAt: Date | null): Markup {
  return html`
<h1>Practice</h1>
<p class="lead">You are all caught up.</p>
${
  nextReviewAt
    ? html`<p>Your next review is due <time datetime="${nextReviewAt.toISOString()}">${nextReviewAt.toUTCString()}</time>. Come back then; spacing reviews out is what makes them stick.</p>`
    : html`<p>The library has no practice questions yet.</p>`
}
<p class="actions"><a class="button" href="/">Back to the concepts</a></p>`;
}

/** Feedback on an answer: right or wrong, the right option, the explanation, and next or stop. */
export function practiceFeedbackView(graded: Graded): Markup {
  const { item } = graded;
  return html`
<h1>Practice</h1>
<div class="${graded.correct ? 'notice' : 'error'}" role="status" id="practice-result">
  <p><strong>${graded.correct ? 'Right.' : 'Not quite.'}</strong> ${item.question}</p>
  <p>The answer: ${item.choices[graded.correctChoice]}</p>
</div>
<p>${item.explanation}</p>
<p>Read more in <a href="${sourceHref(item)}">${item.title}</a>.</p>
<p class="small muted">You will see this question again around <time datetime="${graded.nextReviewAt.toISOString()}">${graded.nextReviewAt.toUTCString()}</time>.</p>
<p class="actions"><a class="button" href="/practice" id="practice-next">Next question</a> <a href="/">Stop</a></p>`;
}
