import { html } from 'hono/html';
import { csrfInput, type Markup } from '../../render/layout.js';
import type { HomeData } from './home-loader.js';

/**
 * The home page's body: what the tutor is, a question box that answers right
 * here (ask.js streams the answer below the box; without JavaScript the form
 * posts to /ask and the answer comes back on the Ask page), and every concept
 * by category.
 */
export function homeView(csrfToken: string, data: HomeData): Markup {
  return html`
<section class="hero prose" aria-labelledby="hero-title">
  <h1 id="hero-title">Learn the AI concepts your team keeps running into</h1>
  <p class="lead">${data.conceptCount} short articles in plain language, each with when to use it, when not to, and the pitfalls. Ask a question and the tutor answers from these articles, with links to its sources.</p>
  <form id="ask-form" method="post" action="/ask">
    ${csrfInput(csrfToken)}
    <input type="hidden" name="history" value="">
    <label for="question">Ask the tutor</label>
    <div class="actions ask-inline">
      <input type="text" id="question" name="question" placeholder="e.g. What is a context window?" autocomplete="off" maxlength="4000" required>
      <button type="submit">Ask</button>
    </div>
    <p class="visually-hidden" id="ask-status" role="status" aria-live="polite"></p>
  </form>
  <ol class="conversation" id="conversation" aria-label="Answers" hidden></ol>
  <p id="new-conversation" hidden><a href="/">Start a new conversation</a></p>
</section>
<section aria-labelledby="concepts-title" id="concepts">
  <h2 id="concepts-title">Concepts</h2>
  ${data.categories.map(
    ({ category, concepts }) => html`
  <h3>${category}</h3>
  <ul class="cards">
    ${concepts.map(
      (concept) =>
        html`<li><a class="card" href="/concepts/${concept.slug}"><h4 class="card-title">${concept.title}</h4><p>${concept.summary}</p><p class="small">${concept.difficulty}</p></a></li>`,
    )}
  </ul>`,
  )}
</section>
${
  data.useCaseCount > 0
    ? html`<section aria-labelledby="use-cases-title">
  <h2 id="use-cases-title">What teams built with them</h2>
  <p><a href="/use-cases">All ${data.useCaseCount} use cases</a></p>
</section>`
    : ''
}
${
  data.newsletterOn
    ? html`<section aria-labelledby="digest-title"><h2 id="digest-title">One concept a week, by email</h2><p>Every Tuesday: one concept and one real use case. <a href="/newsletter">Subscribe</a> or read the <a href="/archive">archive</a>.</p></section>`
    : ''
}`;
}
