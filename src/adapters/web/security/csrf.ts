import type { MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { formField } from '../request/read-form.js';
import { constantTimeEqual } from './sign.js';
import '../web-env.js';

/** Name of the hidden form field that carries the CSRF token. */
export const CSRF_FIELD = '_csrf';

/** Header that fetch() requests use instead of the form field. */
export const CSRF_HEADER = 'x-csrf-token';

/**
 * Rejects state-changing requests that do not carry this visitor's CSRF token
 * (synchronizer token: an HMAC of the visitor id, which another site can
 * neither read nor compute). Browsers that say a request is cross-site are
 * refused outright. Runs after visitorMiddleware. Safe methods pass.
 */
export function requireCsrf(): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.method === 'OPTIONS') return next();
    if (c.req.header('sec-fetch-site') === 'cross-site') {
      throw new HTTPException(403, {
        message:
          'This form was sent from another website, so it was refused. Open the page on this site and try again.',
      });
    }
    if (c.get('visitorIsNew')) {
      throw new HTTPException(403, {
        message:
          'Your session expired or your browser blocked cookies. Reload the page and send the form again.',
      });
    }
    let token = c.req.header(CSRF_HEADER);
    if (!token) token = await formField(c, CSRF_FIELD);
    if (!token || !constantTimeEqual(token, c.get('csrfToken'))) {
      throw new HTTPException(403, {
        message:
          'The form was missing its security token or it did not match. Reload the page and send the form again.',
      });
    }
    await next();
  };
}
