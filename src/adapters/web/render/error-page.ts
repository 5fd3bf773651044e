import type { Context } from 'hono';
import { html } from 'hono/html';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { isUserFacing } from '../../../core/errors.js';
import type { WebDeps } from '../web-deps.js';
import { wantsJson } from './negotiate.js';
import { publicPage } from './pages.js';

const TITLES: Partial<Record<number, string>> = {
  400: 'That did not work',
  401: 'Please log in',
  403: 'Not allowed',
  404: 'Page not found',
  409: 'Changed in the meantime',
  413: 'Too large',
  415: 'Not a form',
  429: 'Slow down a little',
};

/** A page (or JSON for our fetch() calls) for an error whose message is safe to show. */
export function errorResponse(
  c: Context,
  deps: WebDeps,
  status: ContentfulStatusCode,
  message: string,
  headers: Record<string, string> = {},
): Response | Promise<Response> {
  for (const [name, value] of Object.entries(headers)) c.header(name, value);
  c.header('Cache-Control', 'no-store');
  if (wantsJson(c)) return c.json({ error: message }, status);
  const title = TITLES[status] ?? 'Something went wrong';
  return c.html(
    publicPage(deps, {
      title,
      noindex: true,
      body: html`<div class="prose"><h1>${title}</h1><div class="${status >= 500 ? 'error' : 'notice'}" role="alert"><p>${message}</p></div><p><a href="/">Go to the concept list</a> or <a href="/ask">ask the tutor</a>.</p></div>`,
    }),
    status,
  );
}

/**
 * The app's error handler: HTTPExceptions we threw carry messages written for
 * visitors, so do UserFacingErrors; anything else is logged with the path
 * and becomes a generic apology.
 */
export function handleWebError(error: Error, c: Context, deps: WebDeps): Response | Promise<Response> {
  if (error instanceof HTTPException) {
    const retryAfter = error.res?.headers.get('Retry-After');
    return errorResponse(
      c,
      deps,
      error.status as ContentfulStatusCode,
      error.message,
      retryAfter ? { 'Retry-After': retryAfter } : {},
    );
  }
  if (isUserFacing(error)) return errorResponse(c, deps, 400, error.message);
  deps.logger.error('web request failed', {
    method: c.req.method,
    path: c.req.path,
    error: error.stack ?? String(error),
  });
  return errorResponse(c, deps, 500, 'Something went wrong on our side. Please try again in a moment.');
}
