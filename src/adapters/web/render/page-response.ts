import type { Context, MiddlewareHandler } from 'hono';
import type { CachedPage } from './page-cache.js';

/**
 * Cache-Control of pages that are the same for every visitor (articles, use
 * cases, the archive). A browser or CDN may reuse a page for a minute without
 * asking, which bounds how long an admin's correction can take to reach a
 * reader; for five more minutes a cache may answer with its copy while it
 * revalidates in the background, so a burst of readers never waits on us.
 * Revalidating costs a 304 without a body (the ETag).
 */
export const PUBLIC_PAGE_CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=300';

/**
 * Cache-Control of everything else: pages with this visitor's CSRF token or
 * form state, the admin console, errors. Nothing may keep them, not even
 * the browser's own cache.
 */
export const PRIVATE_PAGE_CACHE_CONTROL = 'private, no-store';

/**
 * Marks every response that has not said otherwise as {@link
 * PRIVATE_PAGE_CACHE_CONTROL}: a page that may be cached has to say so
 * itself, so forgetting fails closed.
 */
export function privateByDefault(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', PRIVATE_PAGE_CACHE_CONTROL);
  };
}

/**
 * True when `ifNoneMatch` (the request header) names `etag`. If-None-Match
 * compares weakly (RFC 9110 §13.1.2), so `W/"x"` matches `"x"`; `*` matches
 * any page that exists.
 */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  for (const candidate of ifNoneMatch.split(',')) {
    const tag = candidate.trim();
    if (tag === '*' || tag === etag || (tag.startsWith('W/') && tag.slice(2) === etag)) return true;
  }
  return false;
}

/**
 * Answers with a cached page: 304 when the browser already has these bytes,
 * else the page, both with its ETag and `cacheControl`. The Response is built
 * from a Buffer and plain headers, which @hono/node-server writes straight to
 * the socket. `contentType` is HTML unless said otherwise (the feeds).
 */
export function pageResponse(
  c: Context,
  page: CachedPage,
  cacheControl: string,
  contentType = 'text/html; charset=UTF-8',
): Response {
  if (etagMatches(c.req.header('if-none-match'), page.etag))
    return new Response(null, { status: 304, headers: { ETag: page.etag, 'Cache-Control': cacheControl } });
  return new Response(page.body, {
    status: 200,
    headers: {
      'Content-Type': contentType,
      ETag: page.etag,
      'Cache-Control': cacheControl,
    },
  });
}
