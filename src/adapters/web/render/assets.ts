import { createHash } from 'node:crypto';
import type { Hono } from 'hono';
import { ADMIN_EDITOR_JS } from './admin-editor-js.js';
import { ASK_JS } from './ask-js.js';
import { STYLE_CSS } from './style-css.js';

/** A speech bubble with a spark: the tab icon, so browsers don't ask for a /favicon.ico we don't have. */
const ICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect x="2" y="3" width="28" height="21" rx="6" fill="#0b5cad"/><path d="M9 24l-2 6 8-6z" fill="#0b5cad"/><path d="M16 7l2 5 5 1.5-5 1.5-2 5-2-5-5-1.5 5-1.5z" fill="#fff"/></svg>`;

interface Asset {
  body: string;
  type: string;
  /** Content-hashed URL, so browsers may cache it forever and still see every release. */
  url: string;
}

function asset(name: string, body: string, type: string): Asset {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 10);
  const dot = name.lastIndexOf('.');
  return { body, type, url: `/assets/${name.slice(0, dot)}.${hash}${name.slice(dot)}` };
}

const ASSETS = {
  'style.css': asset('style.css', STYLE_CSS, 'text/css; charset=utf-8'),
  'ask.js': asset('ask.js', ASK_JS, 'text/javascript; charset=utf-8'),
  'admin-editor.js': asset('admin-editor.js', ADMIN_EDITOR_JS, 'text/javascript; charset=utf-8'),
  'icon.svg': asset('icon.svg', ICON_SVG, 'image/svg+xml'),
} as const;

/** The URL of a built-in asset. */
export function assetUrl(name: keyof typeof ASSETS): string {
  return ASSETS[name].url;
}

/** Serves the stylesheet, the icon and the two small scripts (no inline code, so the CSP can forbid it). */
export function registerAssetRoutes(app: Hono): void {
  for (const item of Object.values(ASSETS)) {
    app.get(item.url, (c) =>
      c.body(item.body, 200, {
        'Content-Type': item.type,
        'Cache-Control': 'public, max-age=31536000, immutable',
      }),
    );
  }
}
