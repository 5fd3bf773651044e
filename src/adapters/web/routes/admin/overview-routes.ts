import type { Hono } from 'hono';
import { adminPage } from '../../render/pages.js';
import type { WebDeps } from '../../web-deps.js';
import { loadOverview } from './overview-loader.js';
import { overviewView } from './overview-view.js';

/** `/admin`: the state of the library and today's questions at a glance, with links into each section. */
export function registerAdminOverview(app: Hono, deps: WebDeps): void {
  app.get('/admin', async (c) =>
    c.html(
      adminPage(c, deps, { title: 'Admin', active: '/admin', body: overviewView(await loadOverview(deps)) }),
    ),
  );
}
