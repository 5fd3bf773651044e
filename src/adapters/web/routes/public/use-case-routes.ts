import type { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { publicPage } from '../../render/pages.js';
import type { WebDeps } from '../../web-deps.js';
import { loadUseCase, loadUseCases } from './use-case-loader.js';
import { useCaseListView, useCaseView } from './use-case-view.js';

/** `/use-cases` (the list) and `/use-cases/:slug` (one story, linked to its concepts). */
export function registerUseCasePages(app: Hono, deps: WebDeps): void {
  app.get('/use-cases', (c) =>
    c.html(
      publicPage(deps, {
        title: 'Use cases',
        description: 'What teams built with AI, and the concepts behind it.',
        active: '/use-cases',
        body: useCaseListView(loadUseCases(deps)),
      }),
    ),
  );

  app.get('/use-cases/:slug', (c) => {
    const data = loadUseCase(deps, c.req.param('slug'));
    if (!data)
      throw new HTTPException(404, {
        message: 'There is no use case at this address. See the list of use cases.',
      });
    const { title, summary } = data.useCase;
    return c.html(
      publicPage(deps, { title, description: summary, active: '/use-cases', body: useCaseView(data) }),
    );
  });
}
