import type { Context } from 'hono';
import { html } from 'hono/html';
import { CSRF_FIELD } from '../security/csrf.js';
import type { AssetName, WebAssets } from './assets.js';
import '../web-env.js';

/** Something hono/html can interpolate: escaped markup, possibly async. */
export type Markup = ReturnType<typeof html>;

/** One link in the header navigation. */
export interface NavItem {
  href: string;
  label: string;
}

/** What a page tells the shared layout. */
export interface PageOptions {
  title: string;
  body: Markup;
  /** Meta description for search engines and link previews. */
  description?: string;
  /** href of the nav item to mark as the current page. */
  active?: string;
  /** The header navigation; public pages and the admin console pass their own. */
  nav: readonly NavItem[];
  /** The stylesheet, icon and scripts, by content-hashed URL. */
  assets: WebAssets;
  /** Our own scripts to load (the CSP forbids inline scripts). */
  scripts?: readonly AssetName[];
  /** Keeps admin and form-result pages out of search engines. */
  noindex?: boolean;
  /** Extra controls at the end of the header (the admin console's log-out button). */
  headerExtra?: Markup;
  /** Feeds advertised in the head (`<link rel="alternate">`), so readers find them from any page. */
  feeds?: readonly FeedLink[];
}

/** A feed a page advertises. */
export interface FeedLink {
  href: string;
  type: string;
  title: string;
}

/**
 * The shared page shell: skip link, header landmark with navigation, one
 * <main>, footer; one stylesheet; everything interpolated is escaped.
 */
export function layout(options: PageOptions): Markup {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} · concept-tutor</title>
${options.description ? html`<meta name="description" content="${options.description}">` : ''}
${options.noindex ? html`<meta name="robots" content="noindex">` : ''}
<link rel="stylesheet" href="${options.assets.url('style.css')}">
<link rel="icon" href="${options.assets.url('icon.svg')}" type="image/svg+xml">
${(options.feeds ?? []).map((feed) => html`<link rel="alternate" type="${feed.type}" title="${feed.title}" href="${feed.href}">`)}
${(options.scripts ?? []).map((name) => html`<script src="${options.assets.url(name)}" defer></script>`)}
</head>
<body>
<a class="skip-link" href="#main">Skip to content</a>
<header class="site-header">
  <div class="inner">
    <a class="brand" href="/">concept-tutor</a>
    <nav class="site-nav" aria-label="Main">
      <ul>
        ${options.nav.map(
          (item) =>
            html`<li><a href="${item.href}"${item.href === options.active ? html` aria-current="page"` : ''}>${item.label}</a></li>`,
        )}
      </ul>
    </nav>
    ${options.headerExtra ?? ''}
  </div>
</header>
<main id="main" tabindex="-1">
${options.body}
</main>
<footer class="site-footer">
  <div class="inner">Answers come only from this team's concept library and cite their sources.</div>
</footer>
</body>
</html>`;
}

/** The hidden CSRF field every form must carry. */
export function csrfField(c: Context): Markup {
  return csrfInput(c.get('csrfToken'));
}

/** The hidden CSRF field with a given value (a page rendered once puts a slot here and splices each visitor's token in). */
export function csrfInput(token: string): Markup {
  return html`<input type="hidden" name="${CSRF_FIELD}" value="${token}">`;
}
