import { randomBytes } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { VISITOR_TTL_MS, type WebSettings } from '../web-settings.js';
import { isHttps } from './client-ip.js';
import { hmac, signValue, unsignValue } from './sign.js';
import '../web-env.js';

/** Name of the anonymous visitor cookie. */
export const VISITOR_COOKIE = 'ct_visitor';

/** The CSRF token bound to one visitor id. */
export function csrfTokenFor(settings: WebSettings, visitorId: string): string {
  return hmac(settings.visitorKey, `csrf:${visitorId}`);
}

/** Whether cookies set on this response must be Secure. */
export function secureCookies(c: Context, settings: WebSettings): boolean {
  return settings.publicUrlIsHttps || isHttps(c, settings.trustedProxies);
}

/**
 * Gives every browser a random, signed visitor id in an HttpOnly cookie. CSRF
 * tokens are derived from it and Ask feedback is bound to it. (The chat rate
 * limit does not use it: a new cookie would reset it; see chatUserId.) A
 * missing or forged cookie gets a fresh id; only a POST needs an existing one
 * (see requireCsrf).
 */
export function visitorMiddleware(settings: WebSettings): MiddlewareHandler {
  return async (c, next) => {
    let id = unsignValue(settings.visitorKey, getCookie(c, VISITOR_COOKIE));
    if (!id) {
      id = randomBytes(16).toString('base64url');
      setCookie(c, VISITOR_COOKIE, signValue(settings.visitorKey, id), {
        path: '/',
        httpOnly: true,
        sameSite: 'Lax',
        secure: secureCookies(c, settings),
        maxAge: Math.floor(VISITOR_TTL_MS / 1000),
      });
      c.set('visitorIsNew', true);
    }
    c.set('visitorId', id);
    c.set('csrfToken', csrfTokenFor(settings, id));
    await next();
  };
}
