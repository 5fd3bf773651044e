import type { Hono } from 'hono';
import { publicPage } from '../../render/pages.js';
import type { WebDeps } from '../../web-deps.js';
import { loadHome } from './home-loader.js';
import { homeView } from './home-view.js';

/** `/`: what the tutor is, a question box that answers, and every concept by category. */
export function registerHomePage(app: Hono, deps: WebDeps): void {
  app.get('/', (c) =>
    c.html(
      publicPage(deps, {
        title: 'AI concepts for your team',
        description: 'Plain-language articles on AI concepts, and a tutor that answers from them.',
        active: '/',
        body: homeView(c, loadHome(deps)),
        scripts: ['ask.js'],
      }),
    ),
  );
}
