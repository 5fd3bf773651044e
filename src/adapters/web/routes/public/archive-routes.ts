import { createHash } from 'node:crypto';
import type { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { PUBLIC_PAGE_CACHE_CONTROL, pageResponse } from '../../render/page-response.js';
import { ARCHIVE_FEEDS, publicPage, renderToString } from '../../render/pages.js';
import type { WebDeps, WebNewsletter } from '../../web-deps.js';
import { buildArchiveFeed } from './archive-feed.js';
import { archiveKey, loadArchive, loadArchivedIssue, weekLabel } from './archive-loader.js';
import { archivedIssueView, archiveListView } from './archive-view.js';

/**
 * `/archive` and `/archive/:week`: every digest that went out, as a web page
 * built from the live library (so a corrected article reads corrected here
 * too), plus the same list as an Atom feed (`/archive/feed.xml`) and a JSON
 * Feed (`/archive/feed.json`). The issue list comes from the database on
 * every request; pages and feeds are rendered once per library version and
 * issue list.
 */
export function registerArchivePages(app: Hono, deps: WebDeps, newsletter: WebNewsletter): void {
  const { name } = newsletter.settings;
  app.get('/archive', async (c) => {
    const library = deps.library.current();
    const issues = await loadArchive(newsletter, library);
    // The list grows every week; a hash keeps the key short however long it gets.
    const key = `archive:${createHash('sha256').update(archiveKey(issues)).digest('base64url')}`;
    const page = await deps.pageCache.page(library, key, () =>
      renderToString(
        publicPage(deps, {
          title: 'Archive',
          description: `Past issues of ${name}.`,
          active: '/archive',
          body: archiveListView(name, issues),
        }),
      ),
    );
    return pageResponse(c, page!, PUBLIC_PAGE_CACHE_CONTROL);
  });

  for (const format of ['atom', 'json'] as const) {
    const { href, type } = ARCHIVE_FEEDS[format];
    app.get(href, async (c) => {
      const library = deps.library.current();
      const issues = await loadArchive(newsletter, library);
      // Without PUBLIC_URL the links follow the address the reader used; it is part of the key,
      // so one host's links are never served to another.
      const baseUrl = deps.settings.publicUrl ?? new URL(c.req.url).origin;
      const listKey = createHash('sha256')
        .update(`${baseUrl}\n${archiveKey(issues)}`)
        .digest('base64url');
      const page = await deps.pageCache.page(library, `feed-${format}:${listKey}`, () =>
        buildArchiveFeed(format, { name, baseUrl, issues, now: deps.clock.now() }),
      );
      return pageResponse(c, page!, PUBLIC_PAGE_CACHE_CONTROL, `${type}; charset=UTF-8`);
    });
  }

  app.get('/archive/:week', async (c) => {
    const library = deps.library.current();
    const issue = await loadArchivedIssue(newsletter, library, c.req.param('week'));
    if (!issue)
      throw new HTTPException(404, {
        message: 'There is no issue for that week. See the archive for the ones that went out.',
      });
    const page = await deps.pageCache.page(library, `archive-issue:${archiveKey([issue])}`, () =>
      renderToString(
        publicPage(deps, {
          title: `${issue.concept?.title ?? issue.conceptSlug} · ${weekLabel(issue.weekKey)}`,
          description: issue.concept?.summary,
          active: '/archive',
          body: archivedIssueView(issue),
        }),
      ),
    );
    return pageResponse(c, page!, PUBLIC_PAGE_CACHE_CONTROL);
  });
}
