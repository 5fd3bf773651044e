import type { Hono } from 'hono';
import { html } from 'hono/html';
import { HTTPException } from 'hono/http-exception';
import { slugProblem } from '../../../../core/content/slug.js';
import { renderMarkdown } from '../../render/markdown.js';
import { publicPage, type WebDeps } from '../../web-deps.js';

/** `/concepts/:slug`: one article, rendered from its Markdown, with the use cases that apply it. */
export function registerConceptPage(app: Hono, deps: WebDeps): void {
  app.get('/concepts', (c) => c.redirect('/#concepts', 301));
  app.get('/concepts/:slug', (c) => {
    const slug = c.req.param('slug');
    const library = deps.container.content.store.current();
    const concept = slugProblem(slug) === null ? library.conceptBySlug.get(slug) : undefined;
    if (!concept)
      throw new HTTPException(404, {
        message: 'There is no concept at this address. It may have been renamed; see the list of concepts.',
      });
    const useCases = library.useCases.filter((u) => u.concepts.includes(concept.slug));
    const body = html`
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
    useCases.length > 0
      ? html`<h2 id="use-cases">Use cases</h2>
  <ul>${useCases.map((u) => html`<li><a href="/use-cases/${u.slug}">${u.title}</a>: ${u.summary}</li>`)}</ul>`
      : ''
  }
  <p class="actions"><a class="button" href="/ask?q=${encodeURIComponent(`What is ${concept.title}?`)}">Ask the tutor about ${concept.title}</a></p>
</article>`;
    return c.html(publicPage(deps, { title: concept.title, description: concept.summary, body }));
  });
}
