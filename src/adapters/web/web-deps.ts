import type { Context } from 'hono';
import { html } from 'hono/html';
import type { Container } from '../../container.js';
import { csrfField, layout, type Markup, type NavItem, type PageOptions } from './render/layout.js';
import type { WebSettings } from './web-settings.js';

/** What every route registrar receives. */
export interface WebDeps {
  container: Container;
  settings: WebSettings;
}

/** The public header navigation; newsletter links appear once the newsletter is available. */
export function publicNav(deps: WebDeps): NavItem[] {
  const items: NavItem[] = [
    { href: '/', label: 'Concepts' },
    { href: '/use-cases', label: 'Use cases' },
    { href: '/ask', label: 'Ask' },
  ];
  if (deps.container.newsletter)
    items.push({ href: '/archive', label: 'Archive' }, { href: '/newsletter', label: 'Newsletter' });
  return items;
}

/** The admin console's navigation. */
export const ADMIN_NAV: readonly NavItem[] = [
  { href: '/admin', label: 'Overview' },
  { href: '/admin/content', label: 'Content' },
  { href: '/admin/questions', label: 'Questions' },
  { href: '/admin/digest', label: 'Digest' },
  { href: '/admin/subscribers', label: 'Subscribers' },
  { href: '/', label: 'Public site' },
];

/** A public page in the shared layout. */
export function publicPage(deps: WebDeps, options: Omit<PageOptions, 'nav'>): Markup {
  return layout({ ...options, nav: publicNav(deps) });
}

/** An admin page in the shared layout, with a log-out button once logged in; never indexed. */
export function adminPage(c: Context, options: Omit<PageOptions, 'nav' | 'noindex' | 'headerExtra'>): Markup {
  const logout = c.get('isAdmin')
    ? html`<form class="inline-form" method="post" action="/admin/logout">${csrfField(c)}<button type="submit" class="secondary">Log out</button></form>`
    : undefined;
  return layout({
    ...options,
    nav: c.get('isAdmin') ? ADMIN_NAV : [{ href: '/', label: 'Public site' }],
    noindex: true,
    headerExtra: logout,
  });
}
