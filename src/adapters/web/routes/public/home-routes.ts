import { randomBytes } from 'node:crypto';
import type { Hono } from 'hono';
import { publicPage, renderToString } from '../../render/pages.js';
import type { WebDeps } from '../../web-deps.js';
import { loadHome } from './home-loader.js';
import { homeView } from './home-view.js';

/**
 * `/`: what the tutor is, a question box that answers, and every concept by
 * category. The page is rendered once per library version with a slot where
 * the question box's CSRF token goes, and each visitor's token is spliced
 * in, so the form works without JavaScript. Because of that token the page is
 * never cached outside this process (see privateByDefault).
 */
export function registerHomePage(app: Hono, deps: WebDeps): void {
  // Random per process, so no article text can contain it and receive a token.
  const slot = `csrf-slot-${randomBytes(16).toString('hex')}`;
  app.get('/', async (c) => {
    const library = deps.library.current();
    const page = await deps.pageCache.page(library, 'home', () =>
      renderToString(
        publicPage(deps, {
          title: 'AI concepts for your team',
          description: 'Plain-language articles on AI concepts, and a tutor that answers from them.',
          active: '/',
          body: homeView(slot, loadHome(library, deps.newsletter !== null)),
          scripts: ['ask.js'],
        }),
      ),
    );
    const token = c.get('csrfToken');
    return c.html(page!.body.toString().replace(slot, () => token));
  });
}
