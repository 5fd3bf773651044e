import type { Context, Hono } from 'hono';
import { adminPage } from '../../render/pages.js';
import { formField, readForm } from '../../request/read-form.js';
import { endAdminSession, isAdminToken, startAdminSession } from '../../security/admin-session.js';
import { clientIp } from '../../security/client-ip.js';
import type { WebDeps } from '../../web-deps.js';
import { loginView } from './login-view.js';

/** Only same-site admin paths are followed after login, so the form cannot be used as an open redirect. */
export function safeNext(value: unknown): string {
  if (typeof value !== 'string') return '/admin';
  return /^\/admin(?:[/?#]|$)/.test(value) && !value.includes('\\') ? value : '/admin';
}

/** `/admin/login` (form and POST) and `/admin/logout`. */
export function registerAdminLogin(app: Hono, deps: WebDeps): void {
  const { settings, logger, clock } = deps;
  const loginPage = (c: Context, next: string, notice?: string, error?: string) =>
    adminPage(c, deps, { title: 'Admin login', body: loginView(c, next, notice, error) });

  app.get('/admin/login', (c) => {
    const notice = c.req.query('expired')
      ? 'Your session expired. Log in again to continue.'
      : c.req.query('out')
        ? 'You are logged out.'
        : undefined;
    return c.html(loginPage(c, safeNext(c.req.query('next')), notice));
  });

  app.post('/admin/login', async (c) => {
    const next = safeNext((await readForm(c)).next);
    const token = await formField(c, 'token');
    if (!isAdminToken(settings, token)) {
      // Who tried matters for spotting brute force; what they typed never goes in a log.
      logger.warn('admin login failed', { ip: clientIp(c, settings.trustedProxies) });
      return c.html(
        loginPage(
          c,
          next,
          undefined,
          'That admin token is not right. Check ADMIN_TOKEN in the service’s environment.',
        ),
        401,
      );
    }
    startAdminSession(c, settings, clock);
    logger.info('admin logged in', { ip: clientIp(c, settings.trustedProxies) });
    return c.redirect(next, 303);
  });

  app.post('/admin/logout', (c) => {
    endAdminSession(c, settings);
    return c.redirect('/admin/login?out=1', 303);
  });
}
