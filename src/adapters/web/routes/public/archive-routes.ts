import type { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { publicPage } from '../../render/pages.js';
import type { WebDeps, WebNewsletter } from '../../web-deps.js';
import { loadArchive, loadArchivedIssue, weekLabel } from './archive-loader.js';
import { archivedIssueView, archiveListView } from './archive-view.js';

/**
 * `/archive` and `/archive/:week`: every digest that went out, as a web page
 * built from the live library (so a corrected article reads corrected here too).
 */
export function registerArchivePages(app: Hono, deps: WebDeps, newsletter: WebNewsletter): void {
  const { name } = newsletter.settings;
  app.get('/archive', async (c) =>
    c.html(
      publicPage(deps, {
        title: 'Archive',
        description: `Past issues of ${name}.`,
        active: '/archive',
        body: archiveListView(name, await loadArchive({ ...deps, newsletter })),
      }),
    ),
  );

  app.get('/archive/:week', async (c) => {
    const issue = await loadArchivedIssue({ ...deps, newsletter }, c.req.param('week'));
    if (!issue)
      throw new HTTPException(404, {
        message: 'There is no issue for that week. See the archive for the ones that went out.',
      });
    return c.html(
      publicPage(deps, {
        title: `${issue.concept?.title ?? issue.conceptSlug} · ${weekLabel(issue.weekKey)}`,
        description: issue.concept?.summary,
        active: '/archive',
        body: archivedIssueView(issue),
      }),
    );
  });
}
