import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AssetName } from '../../render/assets.js';
import type { Markup } from '../../render/layout.js';
import { publicPage } from '../../render/pages.js';
import { formField } from '../../request/read-form.js';
import type { WebDeps } from '../../web-deps.js';

/**
 * A newsletter page in the shared layout. Never indexed and never cached:
 * these pages carry personal addresses and one-time links.
 */
export function newsletterPage(
  c: Context,
  deps: WebDeps,
  options: { title: string; body: Markup; status?: ContentfulStatusCode; scripts?: readonly AssetName[] },
) {
  c.header('Cache-Control', 'no-store');
  c.header('Referrer-Policy', 'no-referrer');
  return c.html(
    publicPage(deps, {
      title: options.title,
      body: options.body,
      noindex: true,
      active: '/newsletter',
      ...(options.scripts ? { scripts: options.scripts } : {}),
    }),
    options.status ?? 200,
  );
}

/** The token of a link: in the query (as mailed) or in a form body (our buttons). */
export async function tokenOf(c: Context): Promise<string> {
  const fromQuery = c.req.query('token');
  if (fromQuery) return fromQuery;
  if (c.req.method !== 'POST') return '';
  return formField(c, 'token');
}
