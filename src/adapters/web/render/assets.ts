import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';

/** The files in src/adapters/web/assets/ (copied beside the compiled code by `npm run build`). */
const FILES = {
  'style.css': 'text/css; charset=utf-8',
  'ask.js': 'text/javascript; charset=utf-8',
  'admin-editor.js': 'text/javascript; charset=utf-8',
  'time-zone.js': 'text/javascript; charset=utf-8',
  'icon.svg': 'image/svg+xml',
} as const;

/** The name of a built-in asset. */
export type AssetName = keyof typeof FILES;

/** One asset, held in memory. */
export interface Asset {
  name: AssetName;
  body: Buffer;
  type: string;
  /** Content-hashed URL, so browsers may cache it forever and still see every release. */
  url: string;
}

/** The stylesheet, the scripts and the icon, read once at startup. */
export interface WebAssets {
  /** The content-hashed URL of an asset, e.g. /assets/style.3f2a9c0d1e.css. */
  url(name: AssetName): string;
  readonly all: readonly Asset[];
}

/** Where the asset files are: `assets/` beside `render/`, in src/ (tsx, vitest) and in dist/src/ alike. */
export const ASSETS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../assets');

/**
 * Reads every asset once. A missing file stops startup with its path (a
 * build that did not copy the assets), rather than a page without styles.
 */
export function loadWebAssets(dir: string = ASSETS_DIR): WebAssets {
  const all = (Object.keys(FILES) as AssetName[]).map((name): Asset => {
    const file = path.join(dir, name);
    let body: Buffer;
    try {
      body = readFileSync(file);
    } catch (error) {
      throw new Error(
        `The web asset ${file} is missing (${(error as NodeJS.ErrnoException).code}); run npm run build, which copies src/adapters/web/assets beside the compiled code.`,
      );
    }
    const hash = createHash('sha256').update(body).digest('hex').slice(0, 10);
    const dot = name.lastIndexOf('.');
    return { name, body, type: FILES[name], url: `/assets/${name.slice(0, dot)}.${hash}${name.slice(dot)}` };
  });
  const byName = new Map(all.map((a) => [a.name, a]));
  return { all, url: (name) => byName.get(name)!.url };
}

/** Serves the assets at their hashed URLs with a year-long immutable cache; any other /assets/ path is a 404. */
export function registerAssetRoutes(app: Hono, assets: WebAssets): void {
  for (const item of assets.all) {
    app.get(item.url, (c) =>
      c.body(new Uint8Array(item.body), 200, {
        'Content-Type': item.type,
        'Cache-Control': 'public, max-age=31536000, immutable',
      }),
    );
  }
}
