import type { Context, Hono } from 'hono';
import { html } from 'hono/html';
import { csrfField } from '../../render/layout.js';
import { endAdminSession, isAdminToken, startAdminSession } from '../../security/admin-session.js';
import { clientIp } from '../../security/client-ip.js';
import { adminPage, type WebDeps } from '../../web-deps.js';

/** Only same-site admin paths are followed after login, so the form cannot be used as an open redirect. */
export function safeNext(value: unknown): string {
  if (typeof value !== 'string') return '/admin';
  return /^\/admin(?:[/?#]|$)/.test(value) && !value.includes('\\') ? value : '/admin';
}

/** `/admin/login` (form and POST) and `/admin/logout`. */
export function registerAdminLogin(app: Hono, deps: WebDeps): void {
  const { settings, container } = deps;

  app.get('/admin/login', (c) => {
    const notice = c.req.query('expired')
      ? 'Your session expired. Log in again to continue.'
      : c.req.query('out')
        ? 'You are logged out.'
        : undefined;
    return c.html(loginPage(c, safeNext(c.req.query('next')), notice));
  });

  app.post('/admin/login', async (c) => {
    const body = await c.req.parseBody();
    const next = safeNext(body.next);
    const token = typeof body.token === 'string' ? body.token : '';
    if (!isAdminToken(settings, token)) {
      // Who tried matters for spotting brute force; what they typed never goes in a log.
      container.logger.warn('admin login failed', { ip: clientIp(c, settings.trustedProxies) });
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
    startAdminSession(c, settings, container.clock);
    container.logger.info('admin logged in', { ip: clientIp(c, settings.trustedProxies) });
    return c.redirect(next, 303);
  });

  app.post('/admin/logout', (c) => {
    endAdminSession(c, settings);
    return c.redirect('/admin/login?out=1', 303);
  });
}

function loginPage(c: Context, next: string, notice?: string, error?: string) {
  return adminPage(c, {
    title: 'Admin login',
    body: html`<div class="prose">
<h1>Admin login</h1>
${notice ? html`<div class="notice" role="status"><p>${notice}</p></div>` : ''}
${error ? html`<div class="error" role="alert"><p>${error}</p></div>` : ''}
<form method="post" action="/admin/login">
  ${csrfField(c)}
  <input type="hidden" name="next" value="${next}">
  <div class="field">
    <label for="token">Admin token</label>
    <span class="hint" id="token-hint">The value of ADMIN_TOKEN. Sessions last 8 hours.</span>
    <input type="password" id="token" name="token" required autocomplete="current-password" aria-describedby="token-hint"${error ? html` aria-invalid="true"` : ''} autofocus>
  </div>
  <button type="submit">Log in</button>
</form>
</div>`,
  });
}
