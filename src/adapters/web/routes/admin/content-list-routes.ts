import type { Hono } from 'hono';
import { adminPage } from '../../render/pages.js';
import type { WebDeps } from '../../web-deps.js';
import { loadContentList } from './content-list-loader.js';
import { contentListView } from './content-list-view.js';

/** `/admin/content`: every concept and use case, with links to edit them and to create new ones. */
export function registerContentList(app: Hono, deps: WebDeps): void {
  app.get('/admin/content', async (c) =>
    c.html(
      adminPage(c, deps, {
        title: 'Content',
        active: '/admin/content',
        body: contentListView(await loadContentList(deps)),
      }),
    ),
  );
}
