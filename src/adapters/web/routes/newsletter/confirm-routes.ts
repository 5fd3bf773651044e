import type { Hono } from 'hono';
import { isUserFacing } from '../../../../core/errors.js';
import { formField } from '../../request/read-form.js';
import type { WebDeps, WebNewsletter } from '../../web-deps.js';
import { confirmedView, confirmFailedView, confirmPromptView } from './confirm-view.js';
import { newsletterPage, tokenOf } from './newsletter-page.js';

/**
 * GET /newsletter/confirm shows a button and changes nothing: mail scanners
 * fetch every link, and a scanner must not be able to subscribe anyone.
 * POST confirms; it is idempotent. The form also asks for the time zone the
 * issue should arrive in (pre-filled from the browser by time-zone.js); only
 * the confirming click stores it.
 */
export function registerConfirmRoutes(app: Hono, deps: WebDeps, newsletter: WebNewsletter): void {
  const { name, timeZone: digestTimeZone } = newsletter.settings;
  app.get('/newsletter/confirm', async (c) =>
    newsletterPage(c, deps, {
      title: 'Confirm your subscription',
      body: confirmPromptView(name, await tokenOf(c), { digestTimeZone }),
      scripts: ['time-zone.js'],
    }),
  );

  app.post('/newsletter/confirm', async (c) => {
    const token = await tokenOf(c);
    const timeZone = (await formField(c, 'timeZone')).slice(0, 100);
    let result: Awaited<ReturnType<typeof newsletter.subscriptions.confirm>>;
    try {
      result = await newsletter.subscriptions.confirm(token, timeZone ? { timeZone } : {});
    } catch (error) {
      // A zone no browser would send: the form again, naming it; nothing confirmed yet.
      if (!isUserFacing(error) || error.code !== 'TIME_ZONE_INVALID') throw error;
      return newsletterPage(c, deps, {
        title: 'Confirm your subscription',
        status: 400,
        body: confirmPromptView(name, token, { digestTimeZone, error: error.message }),
        scripts: ['time-zone.js'],
      });
    }
    const { outcome, email } = result;
    if (outcome === 'confirmed' || outcome === 'already-confirmed') {
      return newsletterPage(c, deps, {
        title: 'You are subscribed',
        body: confirmedView(name, email, outcome === 'already-confirmed'),
      });
    }
    return newsletterPage(c, deps, {
      title: 'Link not valid',
      status: outcome === 'expired' ? 410 : 404,
      body: confirmFailedView(outcome === 'expired'),
    });
  });
}
