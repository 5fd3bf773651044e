import type { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { PUBLIC_PAGE_CACHE_CONTROL, pageResponse } from '../../render/page-response.js';
import { publicPage, renderToString } from '../../render/pages.js';
import type { WebDeps } from '../../web-deps.js';
import { loadConcept } from './concept-loader.js';
import { conceptView } from './concept-view.js';

/**
 * `/concepts/:slug`: one article, rendered from its Markdown, with the use
 * cases that apply it. The same for every visitor, so it is rendered once per
 * library version and may be cached by browsers and proxies.
 */
export function registerConceptPage(app: Hono, deps: WebDeps): void {
  app.get('/concepts', (c) => c.redirect('/#concepts', 301));
  app.get('/concepts/:slug', async (c) => {
    const slug = c.req.param('slug');
    const library = deps.library.current();
    const page = await deps.pageCache.page(library, `concept:${slug}`, () => {
      const data = loadConcept(library, slug);
      if (!data) return null;
      const { title, summary } = data.concept;
      return renderToString(publicPage(deps, { title, description: summary, body: conceptView(data) }));
    });
    if (!page)
      throw new HTTPException(404, {
        message: 'There is no concept at this address. It may have been renamed; see the list of concepts.',
      });
    return pageResponse(c, page, PUBLIC_PAGE_CACHE_CONTROL);
  });
}
