import type { Context, Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { isUserFacing } from '../../../../core/errors.js';
import { parseEmailAddress } from '../../../../core/newsletter/email-address.js';
import { parseWeekKey } from '../../../../core/newsletter/week-key.js';
import { adminPage } from '../../render/pages.js';
import { formField, readForm } from '../../request/read-form.js';
import type { WebDeps, WebNewsletter } from '../../web-deps.js';
import { loadDigestPage } from './digest-loader.js';
import { type Banner, digestView } from './digest-view.js';

/** Success messages after a redirect; a fixed set, so a crafted URL cannot put words on the page. */
const DONE: Record<string, (n: number) => string> = {
  pinned: () => 'Pinned. The preview below shows the issue as it will go out.',
  unpinned: () => 'Pin cleared. The issue is picked automatically again.',
  'test-sent': () => 'Test copy sent. Its subject starts with [Test]; nothing was recorded.',
  retried: (n) =>
    `${n} failed deliver${n === 1 ? 'y was' : 'ies were'} sent again. The status below shows the outcome.`,
};

/**
 * `/admin/digest`: the next issue (preview, pin, test send) and the delivery
 * status of the latest one (counts, failures, retry). Every action goes
 * through the newsletter's own job, so it is as idempotent here as on the CLI.
 */
export function registerDigestAdmin(app: Hono, deps: WebDeps, newsletter: WebNewsletter): void {
  const { logger } = deps;
  const { digest } = newsletter;

  function week(value: unknown): string {
    try {
      return parseWeekKey(typeof value === 'string' ? value : '');
    } catch (error) {
      if (isUserFacing(error)) throw new HTTPException(400, { message: error.message });
      throw error;
    }
  }

  async function page(
    c: Context,
    options: { weekKey?: string; banner?: Banner; status?: 200 | 400 | 422 | 502; testTo?: string } = {},
  ) {
    const { banner, status = 200, testTo = '' } = options;
    const weekKey =
      options.weekKey ?? (c.req.query('week') ? week(c.req.query('week')) : await digest.nextWeek());
    const done = c.req.query('done');
    const shown =
      banner ??
      (done && DONE[done]
        ? { kind: 'success' as const, text: DONE[done](Number(c.req.query('n') ?? 0)) }
        : undefined);
    return c.html(
      adminPage(c, deps, {
        title: 'Digest',
        active: '/admin/digest',
        body: digestView(c, await loadDigestPage(deps, newsletter, weekKey), { banner: shown, testTo }),
      }),
      status,
    );
  }

  app.get('/admin/digest', (c) => page(c));

  app.get('/admin/digest/preview', async (c) => {
    const { template, recall } = await digest.preview({ weekKey: week(c.req.query('week')) });
    // The email's own inline styles need 'unsafe-inline'; the sandbox keeps its links and markup inert.
    c.header(
      'Content-Security-Policy',
      "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; sandbox; frame-ancestors 'self'",
    );
    return c.html(
      template.personalize({ unsubscribeUrl: '#unsubscribe', manageUrl: '#manage', recall }).html,
    );
  });

  app.post('/admin/digest/pin', async (c) => {
    const body = await readForm(c);
    const weekKey = week(body.week);
    try {
      // The service checks the slugs and the week, and puts the old pin back when the picker cannot use this one.
      const { pin } = await digest.pin({
        weekKey,
        conceptSlug: body.concept || null,
        useCaseSlug: body.useCase || null,
      });
      logger.info('digest pinned from the admin console', {
        week: weekKey,
        concept: pin.conceptSlug,
        useCase: pin.useCaseSlug,
      });
    } catch (error) {
      if (isUserFacing(error))
        return page(c, { weekKey, banner: { kind: 'error', text: error.message }, status: 422 });
      throw error;
    }
    return c.redirect(`/admin/digest?week=${weekKey}&done=pinned`, 303);
  });

  app.post('/admin/digest/unpin', async (c) => {
    const weekKey = week(await formField(c, 'week'));
    await digest.unpin(weekKey);
    return c.redirect(`/admin/digest?week=${weekKey}&done=unpinned`, 303);
  });

  app.post('/admin/digest/test', async (c) => {
    const body = await readForm(c);
    const weekKey = week(body.week);
    const raw = body.to ?? '';
    let to: string;
    try {
      to = parseEmailAddress(raw);
    } catch (error) {
      if (isUserFacing(error))
        return page(c, { weekKey, banner: { kind: 'error', text: error.message }, status: 400, testTo: raw });
      throw error;
    }
    const result = await digest.sendTest({ to, weekKey });
    if (result.status === 'failed') {
      logger.warn('digest test copy failed', { kind: result.kind, error: result.error });
      return page(c, {
        weekKey,
        banner: { kind: 'error', text: `The test copy was not sent (${result.kind}): ${result.error}` },
        status: 502,
        testTo: to,
      });
    }
    return c.redirect(`/admin/digest?week=${weekKey}&done=test-sent`, 303);
  });

  app.post('/admin/digest/retry', async (c) => {
    const weekKey = week(await formField(c, 'week'));
    try {
      const { requeued } = await digest.retryFailed({ weekKey });
      logger.info('digest failed deliveries retried from the admin console', {
        week: weekKey,
        requeued,
      });
      return c.redirect(`/admin/digest?done=retried&n=${requeued}`, 303);
    } catch (error) {
      if (isUserFacing(error))
        return page(c, { banner: { kind: 'error', text: error.message }, status: 400 });
      throw error;
    }
  });
}
