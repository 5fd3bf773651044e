import type { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { publicPage } from '../../render/pages.js';
import type { WebDeps } from '../../web-deps.js';
import { loadConcept } from './concept-loader.js';
import { conceptView } from './concept-view.js';

/** `/concepts/:slug`: one article, rendered from its Markdown, with the use cases that apply it. */
export function registerConceptPage(app: Hono, deps: WebDeps): void {
  app.get('/concepts', (c) => c.redirect('/#concepts', 301));
  app.get('/concepts/:slug', (c) => {
    const data = loadConcept(deps, c.req.param('slug'));
    if (!data)
      throw new HTTPException(404, {
        message: 'There is no concept at this address. It may have been renamed; see the list of concepts.',
      });
    const { title, summary } = data.concept;
    return c.html(publicPage(deps, { title, description: summary, body: conceptView(data) }));
  });
}
