import type { Context } from 'hono';
import { html } from 'hono/html';
import type { RecallRefusal } from '../../../../core/newsletter/recall-check.js';
import type { RecallClaim } from '../../../../core/newsletter/recall-token.js';
import { CHOICE_LETTERS } from '../../../../core/practice/choice-letters.js';
import type { Graded } from '../../../../core/practice/practice-service.js';
import type { PracticeItem } from '../../../../core/practice/types.js';
import { csrfField, type Markup } from '../../render/layout.js';
import { sourceHref } from './practice-loader.js';

/** Where the form posts: the same signed link the email carried. */
export function recallAction(token: string): string {
  return `/practice/email/${encodeURIComponent(token)}`;
}

/**
 * What an option link in the digest opens: the question, the option chosen
 * and one button. Nothing is recorded until the button is pressed, because
 * mail security scanners open every link in an email.
 */
export function recallConfirmView(c: Context, token: string, claim: RecallClaim, item: PracticeItem): Markup {
  return html`
<h1>Check yourself</h1>
<p class="lead">A question on <a href="${sourceHref(item)}">${item.title}</a> from your ${claim.weekKey} digest.</p>
<form method="post" action="${recallAction(token)}" id="recall-form">
  ${csrfField(c)}
  <fieldset>
    <legend>${item.question}</legend>
    <p>Your answer: <strong id="recall-choice">${CHOICE_LETTERS[claim.choice]}. ${item.choices[claim.choice]}</strong></p>
  </fieldset>
  <div class="actions"><button type="submit">Check my answer</button></div>
</form>
<p class="small muted">Nothing is recorded until you press the button. Picked the wrong option? Go back to the email and open another one.</p>`;
}

/** Feedback on the answer: right or wrong, why, where to read more and when it comes back. */
export function recallFeedbackView(graded: Graded & { claim: RecallClaim }): Markup {
  const { item } = graded;
  return html`
<h1>Check yourself</h1>
${graded.replay ? html`<p class="notice" id="recall-replay">You already answered this question from this email; your first answer counts.</p>` : ''}
<div class="${graded.correct ? 'notice' : 'error'}" role="status" id="practice-result">
  <p><strong>${graded.correct ? 'Right.' : 'Not quite.'}</strong> ${item.question}</p>
  <p>The answer: ${CHOICE_LETTERS[graded.correctChoice]}. ${item.choices[graded.correctChoice]}</p>
</div>
<p>${item.explanation}</p>
<p>Read more in <a href="${sourceHref(item)}">${item.title}</a>.</p>
<p class="small muted">A later digest asks it again around <time datetime="${graded.nextReviewAt.toISOString()}">${graded.nextReviewAt.toUTCString()}</time>.</p>
<p class="actions"><a class="button" href="/practice">Practise more on the web</a> <a href="/">Back to the concepts</a></p>`;
}

const REFUSED: Record<RecallRefusal, string> = {
  invalid: 'This link is not valid. Open it again from the email, without changing it.',
  expired: 'This question has expired. The next digest brings a new one, or practise now on the web.',
  unknown:
    'This question is no longer available: the issue, the question or the subscription it belongs to is gone.',
};

/** Why the link shows no question, with where to go instead. */
export function recallRefusedView(reason: RecallRefusal): Markup {
  return html`
<h1>Check yourself</h1>
<div class="error" role="alert"><p>${REFUSED[reason]}</p></div>
<p class="actions"><a class="button" href="/practice">Practise on the web</a></p>`;
}
