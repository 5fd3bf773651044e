import type { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { PUBLIC_PAGE_CACHE_CONTROL, pageResponse } from '../../render/page-response.js';
import { publicPage, renderToString } from '../../render/pages.js';
import type { WebDeps } from '../../web-deps.js';
import { loadUseCase, loadUseCases } from './use-case-loader.js';
import { useCaseListView, useCaseView } from './use-case-view.js';

/**
 * `/use-cases` (the list) and `/use-cases/:slug` (one story, linked to its
 * concepts). The same for every visitor: rendered once per library version.
 */
export function registerUseCasePages(app: Hono, deps: WebDeps): void {
  app.get('/use-cases', async (c) => {
    const library = deps.library.current();
    const page = await deps.pageCache.page(library, 'use-cases', () =>
      renderToString(
        publicPage(deps, {
          title: 'Use cases',
          description: 'What teams built with AI, and the concepts behind it.',
          active: '/use-cases',
          body: useCaseListView(loadUseCases(library)),
        }),
      ),
    );
    return pageResponse(c, page!, PUBLIC_PAGE_CACHE_CONTROL);
  });

  app.get('/use-cases/:slug', async (c) => {
    const slug = c.req.param('slug');
    const library = deps.library.current();
    const page = await deps.pageCache.page(library, `use-case:${slug}`, () => {
      const data = loadUseCase(library, slug);
      if (!data) return null;
      const { title, summary } = data.useCase;
      return renderToString(
        publicPage(deps, { title, description: summary, active: '/use-cases', body: useCaseView(data) }),
      );
    });
    if (!page)
      throw new HTTPException(404, {
        message: 'There is no use case at this address. See the list of use cases.',
      });
    return pageResponse(c, page, PUBLIC_PAGE_CACHE_CONTROL);
  });
}
