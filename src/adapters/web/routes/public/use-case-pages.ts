import type { Hono } from 'hono';
import { html } from 'hono/html';
import { HTTPException } from 'hono/http-exception';
import { slugProblem } from '../../../../core/content/slug.js';
import { renderMarkdown } from '../../render/markdown.js';
import { publicPage, type WebDeps } from '../../web-deps.js';

/** `/use-cases` (the list) and `/use-cases/:slug` (one story, linked to its concepts). */
export function registerUseCasePages(app: Hono, deps: WebDeps): void {
  app.get('/use-cases', (c) => {
    const library = deps.container.content.store.current();
    const useCases = [...library.useCases].sort((a, b) => a.title.localeCompare(b.title));
    const body = html`
<h1>Use cases</h1>
<p class="lead">What teams actually shipped, and which concepts it took.</p>
<ul class="cards">
  ${useCases.map((u) => html`<li><a class="card" href="/use-cases/${u.slug}"><h3>${u.title}</h3><p>${u.summary}</p></a></li>`)}
</ul>`;
    return c.html(
      publicPage(deps, {
        title: 'Use cases',
        description: 'What teams built with AI, and the concepts behind it.',
        active: '/use-cases',
        body,
      }),
    );
  });

  app.get('/use-cases/:slug', (c) => {
    const slug = c.req.param('slug');
    const library = deps.container.content.store.current();
    const useCase = slugProblem(slug) === null ? library.useCaseBySlug.get(slug) : undefined;
    if (!useCase)
      throw new HTTPException(404, {
        message: 'There is no use case at this address. See the list of use cases.',
      });
    const concepts = useCase.concepts.flatMap((s) => library.conceptBySlug.get(s) ?? []);
    const body = html`
<article class="prose" aria-labelledby="title">
  <p class="small"><a href="/use-cases">Use cases</a></p>
  <h1 id="title">${useCase.title}</h1>
  <p class="lead">${useCase.summary}</p>
  <p>Concepts: ${concepts.map((concept, i) => html`${i > 0 ? ', ' : ''}<a href="/concepts/${concept.slug}">${concept.title}</a>`)}</p>
  ${renderMarkdown(useCase.body)}
</article>`;
    return c.html(
      publicPage(deps, { title: useCase.title, description: useCase.summary, active: '/use-cases', body }),
    );
  });
}
