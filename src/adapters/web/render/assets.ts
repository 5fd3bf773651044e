import { createHash } from 'node:crypto';
import type { Hono } from 'hono';
import { ADMIN_EDITOR_JS } from './admin-editor-js.js';
import { ASK_JS } from './ask-js.js';
import { STYLE_CSS } from './style-css.js';

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
} as const;

/** The URL of a built-in asset. */
export function assetUrl(name: keyof typeof ASSETS): string {
  return ASSETS[name].url;
}

/** Serves the stylesheet and the two small scripts (no inline code, so the CSP can forbid it). */
export function registerAssetRoutes(app: Hono): void {
  for (const item of Object.values(ASSETS)) {
    app.get(item.url, (c) =>
      c.body(item.body, 200, { 'Content-Type': item.type, 'Cache-Control': 'public, max-age=31536000, immutable' }),
    );
  }
}
