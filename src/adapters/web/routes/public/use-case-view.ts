import { html } from 'hono/html';
import type { UseCase } from '../../../../core/content/types.js';
import type { Markup } from '../../render/layout.js';
import { renderMarkdown } from '../../render/markdown.js';
import type { UseCaseData } from './use-case-loader.js';

/** The list of use cases, as cards. */
export function useCaseListView(useCases: readonly UseCase[]): Markup {
  return html`
<h1>Use cases</h1>
<p class="lead">What teams actually shipped, and which concepts it took.</p>
<ul class="cards">
  ${useCases.map((u) => html`<li><a class="card" href="/use-cases/${u.slug}"><h2 class="card-title">${u.title}</h2><p>${u.summary}</p></a></li>`)}
</ul>`;
}

/** One use case, linked to its concepts. */
export function useCaseView({ useCase, concepts }: UseCaseData): Markup {
  return html`
<article class="prose" aria-labelledby="title">
  <p class="small"><a href="/use-cases">Use cases</a></p>
  <h1 id="title">${useCase.title}</h1>
  <p class="lead">${useCase.summary}</p>
  <p>Concepts: ${concepts.map((concept, i) => html`${i > 0 ? ', ' : ''}<a href="/concepts/${concept.slug}">${concept.title}</a>`)}</p>
  ${renderMarkdown(useCase.body)}
</article>`;
}
