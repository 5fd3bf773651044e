import type { Context } from 'hono';
import { html } from 'hono/html';
import { csrfField, type Markup } from '../../render/layout.js';
import { publicPage } from '../../render/pages.js';
import type { WebDeps } from '../../web-deps.js';

/** What the Ask page shows: a pre-filled question, the conversation so far, an answer or an error. */
export interface AskView {
  question?: string;
  history?: string;
  turn?: Markup;
  error?: string;
}

/** The Ask page: the conversation, then the question form (which works without JavaScript). */
export function askPage(c: Context, deps: WebDeps, view: AskView): Markup {
  const body = html`
<h1>Ask the tutor</h1>
<p class="lead">Ask about any AI concept in the library. Answers come only from the articles and link to them; if the library does not cover it, the tutor says so.</p>
${view.error ? html`<div class="error" role="alert" id="ask-error"><p>${view.error}</p></div>` : ''}
<ol class="conversation" id="conversation" aria-label="Conversation">${view.turn ?? ''}</ol>
<form id="ask-form" method="post" action="/ask">
  ${csrfField(c)}
  <input type="hidden" name="history" value="${view.history ?? ''}">
  <div class="field">
    <label for="question">${view.turn ? 'Ask a follow-up' : 'Your question'}</label>
    <span class="hint" id="question-hint">For example: “When should we use RAG instead of fine-tuning?”</span>
    <textarea id="question" name="question" rows="3" maxlength="4000" required aria-describedby="question-hint">${view.question ?? ''}</textarea>
  </div>
  <div class="actions">
    <button type="submit">Ask</button>
    <a href="/ask" id="new-conversation"${view.turn || view.history ? '' : html` hidden`}>Start a new conversation</a>
  </div>
  <p class="visually-hidden" id="ask-status" role="status" aria-live="polite"></p>
</form>`;
  return publicPage(deps, {
    title: 'Ask the tutor',
    description: 'Ask the AI tutor a question; it answers from the concept library and cites its sources.',
    active: '/ask',
    body,
    scripts: ['ask.js'],
    noindex: Boolean(view.turn),
  });
}
