import type { Context } from 'hono';
import { html } from 'hono/html';
import { HtmlEscapedCallbackPhase, resolveCallback } from 'hono/utils/html';
import type { WebDeps } from '../web-deps.js';
import { csrfField, type FeedLink, layout, type Markup, type NavItem, type PageOptions } from './layout.js';

/** What a page passes to the shared layout; navigation and assets come from the deps. */
export type PageContent = Omit<PageOptions, 'nav' | 'assets'>;

/** The public header navigation; newsletter links appear once the newsletter is available. */
export function publicNav(deps: Pick<WebDeps, 'newsletter'>): NavItem[] {
  const items: NavItem[] = [
    { href: '/', label: 'Concepts' },
    { href: '/use-cases', label: 'Use cases' },
    { href: '/ask', label: 'Ask' },
  ];
  if (deps.newsletter)
    items.push({ href: '/archive', label: 'Archive' }, { href: '/newsletter', label: 'Newsletter' });
  return items;
}

/** The admin console's navigation. */
export const ADMIN_NAV: readonly NavItem[] = [
  { href: '/admin', label: 'Overview' },
  { href: '/admin/content', label: 'Content' },
  { href: '/admin/questions', label: 'Questions' },
  { href: '/admin/learning', label: 'Learning' },
  { href: '/admin/digest', label: 'Digest' },
  { href: '/admin/subscribers', label: 'Subscribers' },
  { href: '/', label: 'Public site' },
];

/** The archive's feeds (served by routes/public/archive-routes.ts while the newsletter is on). */
export const ARCHIVE_FEEDS = {
  atom: { href: '/archive/feed.xml', type: 'application/atom+xml', title: 'Archive (Atom)' },
  json: { href: '/archive/feed.json', type: 'application/feed+json', title: 'Archive (JSON Feed)' },
} as const satisfies Record<string, FeedLink>;

/** A public page in the shared layout; with the newsletter on, its head advertises the archive feeds. */
export function publicPage(deps: Pick<WebDeps, 'newsletter' | 'assets'>, options: PageContent): Markup {
  const feeds = deps.newsletter ? [ARCHIVE_FEEDS.atom, ARCHIVE_FEEDS.json] : [];
  return layout({ ...options, nav: publicNav(deps), assets: deps.assets, feeds });
}

/** An admin page in the shared layout, with a log-out button once logged in; never indexed. */
export function adminPage(
  c: Context,
  deps: Pick<WebDeps, 'assets'>,
  options: Omit<PageContent, 'noindex' | 'headerExtra'>,
): Markup {
  const logout = c.get('isAdmin')
    ? html`<form class="inline-form" method="post" action="/admin/logout">${csrfField(c)}<button type="submit" class="secondary">Log out</button></form>`
    : undefined;
  return layout({
    ...options,
    assets: deps.assets,
    nav: c.get('isAdmin') ? ADMIN_NAV : [{ href: '/', label: 'Public site' }],
    noindex: true,
    headerExtra: logout,
  });
}

/** A page as one string, as c.html would send it (for pages rendered once and cached). */
export async function renderToString(markup: Markup): Promise<string> {
  return resolveCallback(await markup, HtmlEscapedCallbackPhase.Stringify, false, {});
}
