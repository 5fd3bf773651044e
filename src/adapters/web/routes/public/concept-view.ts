import { html } from 'hono/html';
import type { Markup } from '../../render/layout.js';
import { renderMarkdown } from '../../render/markdown.js';
import type { ConceptData } from './concept-loader.js';

/** One article, rendered from its Markdown, with the use cases that apply it. */
export function conceptView({ concept, useCases }: ConceptData): Markup {
  return html`
<article class="prose" aria-labelledby="title">
  <p class="small"><a href="/#concepts">Concepts</a> › ${concept.category}</p>
  <h1 id="title">${concept.title}</h1>
  <p class="lead">${concept.summary}</p>
  <ul class="badges" aria-label="About this article">
    <li class="badge">${concept.difficulty}</li>
    <li class="badge">Updated <time datetime="${concept.updated}">${concept.updated}</time></li>
  </ul>
  ${concept.aliases.length > 0 ? html`<p class="muted">Also called: ${concept.aliases.join(', ')}</p>` : ''}
  ${renderMarkdown(concept.body)}
  ${
    concept.checkYourself.length > 0
      ? html`<h2 id="check-yourself">Check yourself</h2>
  <p>Try to answer before you look back: recalling beats rereading. The answers are on the practice page.</p>
  <ul>${concept.checkYourself.map((item) => html`<li>${item.question}</li>`)}</ul>
  <p><a class="button" href="/practice?concept=${concept.slug}">Practise ${concept.title}</a></p>`
      : ''
  }
  <h2 id="explain-it-back">Explain it back</h2>
  <p>${concept.explainBack ?? `Explain ${concept.title} in your own words, as if to a colleague.`} You get hints first, then what you missed.</p>
  <p><a class="button" href="/explain/${concept.slug}">Explain ${concept.title} in your own words</a></p>
  ${
    useCases.length > 0
      ? html`<h2 id="use-cases">Use cases</h2>
  <ul>${useCases.map((u) => html`<li><a href="/use-cases/${u.slug}">${u.title}</a>: ${u.summary}</li>`)}</ul>`
      : ''
  }
  <p class="actions"><a class="button" href="/ask?q=${encodeURIComponent(`What is ${concept.title}?`)}">Ask the tutor about ${concept.title}</a></p>
</article>`;
}
