import { createHash, randomBytes } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { HTTPException } from 'hono/http-exception';
import type { Clock } from '../../../core/ports.js';
import { wantsJson } from '../render/negotiate.js';
import { ADMIN_SESSION_TTL_MS, type WebSettings } from '../web-settings.js';
import { constantTimeEqual, signValue, unsignValue } from './sign.js';
import { secureCookies } from './visitor.js';
import '../web-env.js';

/** Name of the admin session cookie (scoped to /admin). */
export const ADMIN_COOKIE = 'ct_admin';

/** True when `given` is the admin token; compares sha256 hashes in constant time. */
export function isAdminToken(settings: WebSettings, given: string): boolean {
  if (!settings.adminTokenHash) return false;
  return constantTimeEqual(sha256Hex(given), settings.adminTokenHash);
}

/** Sets a signed session cookie that expires after ADMIN_SESSION_TTL_MS (checked server-side too). */
export function startAdminSession(c: Context, settings: WebSettings, clock: Clock): void {
  if (!settings.adminKey) throw new Error('admin console is off');
  const expiresAt = clock.now().getTime() + ADMIN_SESSION_TTL_MS;
  setCookie(
    c,
    ADMIN_COOKIE,
    signValue(settings.adminKey, `v1.${expiresAt}.${randomBytes(12).toString('base64url')}`),
    {
      path: '/admin',
      httpOnly: true,
      sameSite: 'Strict',
      secure: secureCookies(c, settings),
      maxAge: Math.floor(ADMIN_SESSION_TTL_MS / 1000),
    },
  );
}

/** Clears the session cookie. */
export function endAdminSession(c: Context, settings: WebSettings): void {
  deleteCookie(c, ADMIN_COOKIE, { path: '/admin', secure: secureCookies(c, settings) });
}

/** 'valid', 'expired' (signed by us but too old) or 'none' (missing or forged). */
export function adminSessionState(
  c: Context,
  settings: WebSettings,
  clock: Clock,
): 'valid' | 'expired' | 'none' {
  if (!settings.adminKey) return 'none';
  const value = unsignValue(settings.adminKey, getCookie(c, ADMIN_COOKIE));
  const match = value ? /^v1\.(\d+)\.[\w-]+$/.exec(value) : null;
  if (!match) return 'none';
  // The browser drops the cookie at Max-Age, but a copied cookie must not outlive it either.
  return Number(match[1]) > clock.now().getTime() ? 'valid' : 'expired';
}

/**
 * Guards admin routes. A page request without a session is sent to the login
 * form (remembering where it was going); anything else gets 401.
 */
export function requireAdmin(settings: WebSettings, clock: Clock): MiddlewareHandler {
  return async (c, next) => {
    const state = adminSessionState(c, settings, clock);
    if (state === 'valid') {
      c.set('isAdmin', true);
      return next();
    }
    if (c.req.method === 'GET' && !wantsJson(c)) {
      const target = c.req.path + (new URL(c.req.url).search || '');
      const params = new URLSearchParams({ next: target });
      if (state === 'expired') params.set('expired', '1');
      return c.redirect(`/admin/login?${params.toString()}`, 303);
    }
    throw new HTTPException(401, {
      message:
        state === 'expired'
          ? 'Your admin session expired. Log in again at /admin/login.'
          : 'Log in at /admin/login first.',
    });
  };
}

function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
