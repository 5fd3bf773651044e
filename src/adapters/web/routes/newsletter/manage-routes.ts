import type { Context, Hono } from 'hono';
import { isUserFacing } from '../../../../core/errors.js';
import type { Subscriber } from '../../../../core/newsletter/types.js';
import { formField, readForm } from '../../request/read-form.js';
import type { WebDeps, WebNewsletter } from '../../web-deps.js';
import {
  type ManageNotice,
  manageDataView,
  manageDeletedView,
  manageLinkExpiredView,
  manageLinkSentView,
  manageRequestFormView,
} from './manage-view.js';
import { newsletterPage, tokenOf } from './newsletter-page.js';

/**
 * The preference center and a subscriber's data rights, without an account:
 * GET /newsletter/manage asks for an address and mails a signed link (same
 * reply whether or not it is known); every digest carries such a link. The
 * link's page sets pause, frequency and difficulty, unsubscribes, shows what
 * is stored and offers export (JSON) and deletion. The link itself is the
 * proof of owning the mailbox.
 */
export function registerManageRoutes(app: Hono, deps: WebDeps, newsletter: WebNewsletter): void {
  const { subscriptions } = newsletter;
  const dataView = (subscriber: Subscriber, token: string, notice?: ManageNotice) =>
    manageDataView(subscriber, token, notice, newsletter.settings.timeZone);
  const expired = (c: Context) =>
    newsletterPage(c, deps, { title: 'Link not valid', status: 410, body: manageLinkExpiredView() });

  const requestForm = (c: Context, input: { email?: string; error?: string } = {}) =>
    newsletterPage(c, deps, {
      title: 'Your newsletter data',
      status: input.error ? 400 : 200,
      body: manageRequestFormView(c, input),
    });

  app.get('/newsletter/manage', async (c) => {
    const token = await tokenOf(c);
    if (!token) return requestForm(c);
    const { outcome, subscriber } = await subscriptions.peekManage(token);
    if (outcome !== 'ok' || !subscriber) return expired(c);
    return newsletterPage(c, deps, {
      title: 'Your newsletter settings',
      body: dataView(subscriber, token),
    });
  });

  // The preference center: a missing field keeps its current value, a bad one is a 400 naming it.
  app.post('/newsletter/manage/preferences', async (c) => {
    const token = await tokenOf(c);
    const form = await readForm(c);
    const field = (name: string) => (form[name] === undefined || form[name] === '' ? undefined : form[name]);
    try {
      const { outcome, subscriber } = await subscriptions.updatePreferencesByToken(token, {
        pause: field('pause'),
        cadence: field('cadence'),
        level: field('level'),
        timeZone: field('timeZone'),
        clicks: field('clicks'),
      });
      if (outcome !== 'saved' || !subscriber) return expired(c);
      return newsletterPage(c, deps, {
        title: 'Settings saved',
        body: dataView(subscriber, token, { saved: 'Saved. Your settings apply from the next issue.' }),
      });
    } catch (error) {
      if (!isUserFacing(error) || error.code !== 'PREFERENCES_INVALID') throw error;
      const { outcome, subscriber } = await subscriptions.peekManage(token);
      if (outcome !== 'ok' || !subscriber) return expired(c);
      return newsletterPage(c, deps, {
        title: 'Your newsletter settings',
        status: 400,
        body: dataView(subscriber, token, { error: error.message }),
      });
    }
  });

  app.post('/newsletter/manage/unsubscribe', async (c) => {
    const token = await tokenOf(c);
    const { outcome } = await subscriptions.unsubscribeByManageToken(token);
    if (outcome !== 'unsubscribed') return expired(c);
    const { subscriber } = await subscriptions.peekManage(token);
    if (!subscriber) return expired(c);
    return newsletterPage(c, deps, {
      title: 'Unsubscribed',
      body: dataView(subscriber, token, {
        saved: 'You are unsubscribed. No further issues will be sent.',
      }),
    });
  });

  app.post('/newsletter/manage', async (c) => {
    const email = (await formField(c, 'email')).slice(0, 320);
    try {
      const { message } = await subscriptions.requestManageLink({ email });
      return newsletterPage(c, deps, {
        title: 'Check your inbox',
        body: manageLinkSentView(message),
      });
    } catch (error) {
      if (!isUserFacing(error) || !error.code.startsWith('EMAIL_')) throw error;
      return requestForm(c, { email, error: error.message });
    }
  });

  app.post('/newsletter/manage/export', async (c) => {
    const data = await subscriptions.exportByToken(await tokenOf(c));
    if (typeof data === 'string') return expired(c);
    c.header('Cache-Control', 'no-store');
    c.header('Content-Disposition', 'attachment; filename="newsletter-data.json"');
    return c.json({ exportedAt: new Date().toISOString(), ...data });
  });

  app.post('/newsletter/manage/delete', async (c) => {
    const { outcome, email } = await subscriptions.deleteByToken(await tokenOf(c));
    if (outcome !== 'deleted') return expired(c);
    return newsletterPage(c, deps, {
      title: 'Data deleted',
      body: manageDeletedView(email),
    });
  });
}
