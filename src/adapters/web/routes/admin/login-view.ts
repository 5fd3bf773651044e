import type { Context } from 'hono';
import { html } from 'hono/html';
import { csrfField, type Markup } from '../../render/layout.js';

/** The login form, with a notice (expired, logged out) or an error (wrong token). */
export function loginView(c: Context, next: string, notice?: string, error?: string): Markup {
  return html`<div class="prose">
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
</div>`;
}
