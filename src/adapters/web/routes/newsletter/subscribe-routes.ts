import type { Context, Hono } from 'hono';
import { isUserFacing } from '../../../../core/errors.js';
import { formField } from '../../request/read-form.js';
import type { WebDeps, WebNewsletter } from '../../web-deps.js';
import { newsletterPage } from './newsletter-page.js';
import { checkInboxView, subscribeFormView } from './subscribe-view.js';

/** GET /newsletter (the form) and POST /newsletter/subscribe (double opt-in; same reply for every address). */
export function registerSubscribeRoutes(app: Hono, deps: WebDeps, newsletter: WebNewsletter): void {
  const { name } = newsletter.settings;
  const form = (c: Context, input: { email?: string; error?: string } = {}) =>
    newsletterPage(c, deps, {
      title: `Subscribe to ${name}`,
      status: input.error ? 400 : 200,
      body: subscribeFormView(c, name, input),
    });

  app.get('/newsletter', (c) => form(c));
  app.get('/newsletter/subscribe', (c) => c.redirect('/newsletter', 303));
  app.post('/newsletter/subscribe', async (c) => {
    const email = (await formField(c, 'email')).slice(0, 320);
    try {
      const { message } = await newsletter.subscriptions.subscribe({ email, source: 'web' });
      return newsletterPage(c, deps, { title: 'Check your inbox', body: checkInboxView(message) });
    } catch (error) {
      if (!isUserFacing(error) || !error.code.startsWith('EMAIL_')) throw error;
      return form(c, { email, error: error.message });
    }
  });
}
