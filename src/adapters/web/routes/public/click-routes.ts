import type { Hono } from 'hono';
import { errorResponse } from '../../render/error-page.js';
import { clientIp } from '../../security/client-ip.js';
import type { WebDeps, WebNewsletter } from '../../web-deps.js';

type Clicks = NonNullable<WebNewsletter['clicks']>;

const REFUSED = {
  malformed:
    'This link is incomplete or damaged. Open it again from the email, or copy the whole address without changing it.',
  forged: 'This link is not valid. Open it again from the email, without changing it.',
} as const;

/**
 * `/r/<signed id>`: the digest's counted links. The id names an issue and a
 * link, never a URL, so it can only lead to our own pages or to a link the
 * article has; anything forged or damaged gets a page (400 or 404) and goes
 * nowhere. The redirect answers at once: counting runs behind it and never
 * holds it up. HEAD (Hono answers it with this GET handler) redirects too,
 * uncounted. Registered before the visitor cookie: nothing is set here.
 */
export function registerClickRedirect(app: Hono, deps: WebDeps, clicks: Clicks): void {
  app.get('/r/:id', (c) => {
    const outcome = clicks.follow({
      token: c.req.param('id'),
      method: c.req.method,
      userAgent: c.req.header('user-agent'),
      purpose:
        c.req.header('sec-purpose') ??
        c.req.header('purpose') ??
        c.req.header('x-purpose') ??
        c.req.header('x-moz'),
      clientAddress: clientIp(c, deps.settings.trustedProxies),
    });
    c.header('Cache-Control', 'no-store');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('X-Robots-Tag', 'noindex');
    if (!outcome.ok)
      return errorResponse(c, deps, outcome.reason === 'malformed' ? 400 : 404, REFUSED[outcome.reason]);
    return c.redirect(outcome.location, 302);
  });
}
